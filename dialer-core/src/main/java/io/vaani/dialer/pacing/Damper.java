package io.vaani.dialer.pacing;

/**
 * Shrinks a campaign's call ratio towards 1.0 when dialing gets risky: as the abandon rate nears
 * its target, or when carrier failures spike. Asymmetric: it backs off multiplicatively at once
 * and recovers by small steps. The abandon rate counts only once the sample is large enough; at or
 * above the target the ratio is 1.0, whatever the damping.
 *
 * <p>Immutable: {@link #next} returns the damper for the next tick.
 */
public record Damper(double damping) {

    public Damper {
        if (damping < 0 || damping > 1) {
            throw new IllegalArgumentException("damping must be within [0, 1], got " + damping);
        }
    }

    public static Damper undamped() {
        return new Damper(1.0);
    }

    /**
     * The damper after one more measurement.
     *
     * @param answered answered calls in the compliance period
     * @param abandoned abandoned calls among them
     * @param carrierFailureShare share of the recent originations that failed on the carrier side
     */
    public Damper next(DamperSettings settings, long answered, long abandoned, double carrierFailureShare) {
        return next(settings, Band.RATIO, answered, abandoned, carrierFailureShare);
    }

    /**
     * Where the damper acts, as shares of the abandon target: from {@code near} up it backs off;
     * under {@code clear} it recovers; between, it holds.
     */
    public record Band(double near, double clear) {
        /** For a ratio that is blind to the agents' state: back off early, recover late. */
        public static final Band RATIO = new Band(DamperSettings.NEAR, DamperSettings.CLEAR);
        /**
         * For the adaptive forecast, which spends the abandon budget call by call on purpose: the
         * damper guards the edge of the target only, else it would undo what the forecast measured.
         */
        public static final Band FORECAST = new Band(1.0, 0.9);
    }

    public Damper next(DamperSettings settings, Band band, long answered, long abandoned, double carrierFailureShare) {
        boolean measured = answered >= settings.minSample();
        double abandonRate = measured ? (double) abandoned / answered : 0;
        boolean risky = abandonRate >= settings.abandonTarget() * band.near()
                || carrierFailureShare >= settings.carrierFailureLimit();
        if (risky) {
            return new Damper(damping * settings.downFactor());
        }
        boolean clear = abandonRate < settings.abandonTarget() * band.clear()
                && carrierFailureShare < settings.carrierFailureLimit() * DamperSettings.CLEAR;
        return clear ? new Damper(Math.min(1.0, damping + settings.upStep())) : this;
    }

    /**
     * The ratio to dial at: {@code ratio} pulled towards 1.0 by the damping, never above
     * {@code maxRatio}, and exactly 1.0 once the measured abandon rate has reached its target.
     */
    public double apply(double ratio, double maxRatio, DamperSettings settings, long answered, long abandoned) {
        if (answered >= settings.minSample() && (double) abandoned / answered >= settings.abandonTarget()) {
            return 1.0;
        }
        double capped = Math.max(1.0, Math.min(ratio, maxRatio));
        return 1.0 + (capped - 1.0) * damping;
    }
}
