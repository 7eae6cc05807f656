package io.vaani.dialer.simulator;

import io.vaani.contracts.domain.CallOutcome;
import java.time.Duration;
import java.util.SplittableRandom;

/**
 * The virtual phone network's behaviour: how often callees answer, are busy, do not answer, have
 * a voicemail pick up, or the number is invalid; how long phones ring (uniform between bounds);
 * how long answered calls talk (log-normal around a mean). Deterministic for a seed, so
 * simulations and benchmarks repeat exactly.
 */
public final class PhoneNetworkModel {
    private final Rates rates;
    private final Duration ringMin;
    private final Duration ringMax;
    private final double talkMu;
    private final double talkSigma;
    private final SplittableRandom random;

    /** Shares of placed calls by result; the rest ring out unanswered (no answer). */
    public record Rates(double answer, double busy, double voicemail, double invalidNumber) {
        public Rates {
            if (answer < 0 || busy < 0 || voicemail < 0 || invalidNumber < 0 || answer + busy + voicemail + invalidNumber > 1) {
                throw new IllegalArgumentException("rates must be non-negative and add up to at most 1: " + this);
            }
        }

        public double noAnswer() {
            return 1 - answer - busy - voicemail - invalidNumber;
        }
    }

    /**
     * @param talkMean mean talk time of answered calls
     * @param talkSigma spread of the log-normal talk time (σ of its logarithm); 0.5 is typical
     */
    public PhoneNetworkModel(Rates rates, Duration ringMin, Duration ringMax, Duration talkMean, double talkSigma, long seed) {
        if (ringMin.isNegative() || ringMax.compareTo(ringMin) < 0 || talkMean.isNegative() || talkMean.isZero() || talkSigma < 0) {
            throw new IllegalArgumentException("ring bounds and talk time must be positive, ring min <= max");
        }
        this.rates = rates;
        this.ringMin = ringMin;
        this.ringMax = ringMax;
        // The mean of a log-normal is exp(mu + sigma²/2).
        this.talkMu = Math.log(talkMean.toMillis() / 1000.0) - talkSigma * talkSigma / 2;
        this.talkSigma = talkSigma;
        this.random = new SplittableRandom(seed);
    }

    /** The benchmark network: 30% answer, 10% busy, 5% voicemail, 2% invalid, ring 5–30 s, talk ≈ 90 s. */
    public static PhoneNetworkModel typical(long seed) {
        return new PhoneNetworkModel(new Rates(0.30, 0.10, 0.05, 0.02), Duration.ofSeconds(5), Duration.ofSeconds(30),
                Duration.ofSeconds(90), 0.5, seed);
    }

    public synchronized CallScenario next() {
        double draw = random.nextDouble();
        Duration ring = seconds(ringMin.toMillis() / 1000.0
                + random.nextDouble() * (ringMax.toMillis() - ringMin.toMillis()) / 1000.0);
        if (draw < rates.answer()) {
            return new CallScenario(CallOutcome.COMPLETED, ring, seconds(Math.exp(talkMu + talkSigma * gaussian())));
        }
        draw -= rates.answer();
        if (draw < rates.busy()) {
            return new CallScenario(CallOutcome.BUSY, seconds(1 + random.nextDouble() * 3), Duration.ZERO); // busy tone at once
        }
        draw -= rates.busy();
        if (draw < rates.voicemail()) {
            return new CallScenario(CallOutcome.VOICEMAIL, ring, seconds(20 + random.nextDouble() * 20));
        }
        draw -= rates.voicemail();
        if (draw < rates.invalidNumber()) {
            return new CallScenario(CallOutcome.INVALID_NUMBER, seconds(0.5 + random.nextDouble()), Duration.ZERO);
        }
        return new CallScenario(CallOutcome.NO_ANSWER, ringMax, Duration.ZERO); // rings until the timeout
    }

    /** Standard normal by Box–Muller; SplittableRandom has no Gaussian of its own. */
    private double gaussian() {
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    private static Duration seconds(double value) {
        return Duration.ofNanos((long) (value * 1e9));
    }
}
