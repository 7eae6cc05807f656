package io.vaani.dialer.pacing;

/**
 * Predictive pacing: how many calls to place now so that a person who answers one of them still
 * finds an agent, with at most a given risk of not.
 *
 * <p>The answer to a call placed now comes, if at all, between the model's shortest and longest
 * answer delay. For each moment in that span the forecast weighs the agents idle now, plus those
 * whose conversations are likely to end by then (from each conversation's age and the measured
 * talk times), against the answers likely to arrive by then from calls already ringing (from each
 * call's age) and from the new calls. Counts are sums of independent chances, so each moment's
 * balance is close to normal; the risk of a new call is the chance, averaged over when it may be
 * answered, that the balance leaves no agent for it even after the answered caller's grace
 * period. Agents about to free up are counted, not only those idle now: that is what keeps them
 * busy when every agent is talking.
 */
public final class Forecast {
    /** Moments of the answer span the balance is checked at. */
    static final int MOMENTS = 12;

    private Forecast() {
    }

    /**
     * What a forecast starts from.
     *
     * @param model the campaign's measured calls
     * @param ages the campaign's live calls' ages
     * @param answerGraceSeconds how long an answered caller waits for an agent before the call is abandoned
     */
    public record Basis(CallModel model, CallAges ages, double answerGraceSeconds) {
    }

    /**
     * @param idle agents free now
     * @param risk acceptable chance that an answer to the last call placed finds no agent
     * @param most the most calls that may be placed
     */
    public static int callsToPlace(Basis basis, int idle, double risk, int most) {
        CallModel model = basis.model();
        double[] shares = new double[MOMENTS];
        double[] means = new double[MOMENTS];
        double[] variances = new double[MOMENTS];
        double span = model.answerDelayMax() - model.answerDelayMin();
        for (int m = 0; m < MOMENTS; m++) {
            double at = model.answerDelayMin() + span * (m + 0.5) / MOMENTS;
            double mean = idle;
            double variance = 0;
            for (double age : basis.ages().talking()) {
                double ends = model.endsWithin(age, at + basis.answerGraceSeconds());
                mean += ends;
                variance += ends * (1 - ends);
            }
            for (double age : basis.ages().ringing()) {
                double answers = model.answeredWithin(age, at);
                mean -= answers;
                variance += answers * (1 - answers);
            }
            shares[m] = model.answerRate() * model.answeredBy(at);
            means[m] = mean;
            variances[m] = variance;
        }
        int low = 0;
        int high = most;
        if (riskOf(0, shares, means, variances) > risk) {
            return 0;
        }
        while (low < high) { // the largest count whose last call stays within the risk
            int mid = (low + high + 1) >>> 1;
            if (riskOf(mid, shares, means, variances) <= risk) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }

    /** Chance, averaged over the answer span, that fewer than one agent is left with {@code calls} more placed. */
    private static double riskOf(int calls, double[] shares, double[] means, double[] variances) {
        double sum = 0;
        for (int m = 0; m < MOMENTS; m++) {
            double mean = means[m] - calls * shares[m];
            double deviation = Math.sqrt(variances[m] + calls * shares[m] * (1 - shares[m]) + 1e-9);
            sum += Normal.cdf((0.5 - mean) / deviation);
        }
        return sum / MOMENTS;
    }
}
