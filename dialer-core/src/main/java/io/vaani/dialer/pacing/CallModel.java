package io.vaani.dialer.pacing;

import java.util.Optional;

/**
 * How a campaign's calls behave, as measured from its recent calls: the share answered, how long
 * answered calls ring (a uniform spread fitted to the measured mean and deviation), and how long
 * conversations last (log-normal, cut at the agent's maximum call duration). Adaptive pacing
 * forecasts from it which agents free up and which ringing calls get answered.
 *
 * @param answerRate share of placed calls a person answers
 * @param answerDelayMin shortest ring, in seconds, before an answer
 * @param answerDelayMax longest ring before an answer
 * @param ringTimeout seconds an unanswered call rings before it is given up
 * @param talkMu mean of the logarithm of talk seconds
 * @param talkSigma deviation of the logarithm of talk seconds
 * @param talkMax the longest a conversation may last, in seconds
 */
public record CallModel(double answerRate, double answerDelayMin, double answerDelayMax, double ringTimeout, double talkMu,
        double talkSigma, double talkMax) {
    /** Answered calls measured, and calls that held an agent, before the model is trusted. */
    public static final int MIN_SAMPLE = 30;
    private static final double SQRT3 = Math.sqrt(3);

    public CallModel {
        if (!(answerRate > 0 && answerRate <= 1) || answerDelayMin < 0 || answerDelayMax < answerDelayMin || talkSigma < 0
                || talkMax <= 0) {
            throw new IllegalArgumentException("call model out of range: " + this);
        }
    }

    /**
     * Sums over a campaign's recent calls, as campaign_stats keeps them.
     *
     * @param placed calls placed
     * @param answered calls a person answered
     * @param delaySum sum of the ring seconds of the answered calls
     * @param delaySquares sum of their squares
     * @param talked calls that held an agent
     * @param talkLogSum sum of the logarithms of their talk seconds
     * @param talkLogSquares sum of the squares of those logarithms
     */
    public record Sample(long placed, long answered, double delaySum, double delaySquares, long talked, double talkLogSum,
            double talkLogSquares) {
    }

    /** The model of {@code sample}, or empty while it has too few calls to trust. */
    public static Optional<CallModel> measured(Sample s, double ringTimeout, double talkMax) {
        if (s.answered() < MIN_SAMPLE || s.talked() < MIN_SAMPLE || s.placed() < s.answered()) {
            return Optional.empty();
        }
        double delayMean = s.delaySum() / s.answered();
        double delayDeviation = Math.sqrt(Math.max(0, s.delaySquares() / s.answered() - delayMean * delayMean));
        double logMean = s.talkLogSum() / s.talked();
        double logDeviation = Math.sqrt(Math.max(0, s.talkLogSquares() / s.talked() - logMean * logMean));
        double min = Math.max(0, delayMean - SQRT3 * delayDeviation);
        double max = Math.min(ringTimeout, Math.max(min, delayMean + SQRT3 * delayDeviation));
        return Optional.of(new CallModel((double) s.answered() / s.placed(), min, max, ringTimeout, logMean, logDeviation,
                talkMax));
    }

    /** Chance that a conversation {@code age} seconds old ends within the next {@code within} seconds. */
    public double endsWithin(double age, double within) {
        double survives = 1 - talkCdf(age);
        return survives < 1e-9 ? 1 : (talkCdf(age + within) - talkCdf(age)) / survives;
    }

    /** Chance that a call ringing for {@code age} seconds is answered within the next {@code within} seconds. */
    public double answeredWithin(double age, double within) {
        double answerLeft = answerRate * (1 - answeredBy(age));
        double unansweredLeft = age < ringTimeout ? 1 - answerRate : 0;
        double left = answerLeft + unansweredLeft;
        return left <= 0 ? 0 : answerRate * (answeredBy(age + within) - answeredBy(age)) / left;
    }

    /** Share of answered calls answered within {@code seconds} of being placed. */
    public double answeredBy(double seconds) {
        if (seconds >= answerDelayMax) {
            return 1;
        }
        return seconds <= answerDelayMin ? 0 : (seconds - answerDelayMin) / (answerDelayMax - answerDelayMin);
    }

    private double talkCdf(double seconds) {
        if (seconds >= talkMax) {
            return 1;
        }
        if (seconds <= 0) {
            return 0;
        }
        return talkSigma == 0 ? (Math.log(seconds) >= talkMu ? 1 : 0) : Normal.cdf((Math.log(seconds) - talkMu) / talkSigma);
    }
}
