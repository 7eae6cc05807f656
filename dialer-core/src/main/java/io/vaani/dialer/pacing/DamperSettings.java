package io.vaani.dialer.pacing;

/**
 * A campaign's damper settings (campaigns columns of the same names).
 *
 * @param abandonTarget share of answered calls that may be abandoned, e.g. 0.03
 * @param minSample answered calls measured before the abandon rate is acted on
 * @param downFactor multiplier of the damping per tick that backs off (fast down), in (0, 1)
 * @param upStep damping regained per tick that recovers (slow up), in (0, 1]
 * @param carrierFailureLimit share of recent originations failing on the carrier side that counts as a spike
 */
public record DamperSettings(double abandonTarget, int minSample, double downFactor, double upStep,
        double carrierFailureLimit) {
    /** Backing off starts this close to the target: at 80% of it. */
    public static final double NEAR = 0.8;
    /** Recovery waits until the rate is well below the target: under half of it. */
    public static final double CLEAR = 0.5;

    public DamperSettings {
        if (abandonTarget <= 0 || abandonTarget > 0.2 || minSample < 1 || downFactor <= 0 || downFactor >= 1 || upStep <= 0
                || upStep > 1 || carrierFailureLimit <= 0 || carrierFailureLimit > 1) {
            throw new IllegalArgumentException("damper settings out of range: " + this);
        }
    }

    public static DamperSettings defaults() {
        return new DamperSettings(0.03, 50, 0.7, 0.05, 0.25);
    }
}
