package io.vaani.dialer.pacing;

import io.vaani.contracts.domain.PacingMode;

/**
 * One tick's pacing decision: the ratio to dial at (the configured one in MANUAL mode, a
 * self-adjusting one in ADAPTIVE mode), damped, and the number of calls that makes.
 *
 * <p>The adaptive ratio moves every {@link #ADJUST_EVERY} ticks on what those ticks showed:
 * down by {@link #DOWN} at once when the abandon rate of the calls answered meanwhile passed the
 * target; up by {@link #UP_STEP} when agents sat idle on average and abandons stay well under the
 * target; otherwise it holds. The damper still guards the result over the whole compliance period.
 */
public final class Pacer {
    public static final int ADJUST_EVERY = 3;
    static final double DOWN = 0.8;
    static final double UP_STEP = 0.1;
    /** Idle share of slots, averaged over the adjustment window, that is worth dialing harder for. */
    static final double IDLE_WORTH_RAISING = 0.05;
    /** Answered calls an abandon rate is measured over before it may move the ratio down on its own. */
    static final int WINDOW_ANSWERS = 20;

    private Pacer() {
    }

    /**
     * @param answered answered calls in the compliance period
     * @param abandoned abandoned calls among them
     */
    public record Inputs(PacingMode mode, double callRatio, double maxRatio, DamperSettings damper, Capacity capacity,
            long answered, long abandoned, double carrierFailureShare) {
    }

    public record Decision(int calls, double ratio, PacingState next) {
    }

    public static Decision decide(Inputs in, PacingState state) {
        Damper damper = state.damper().next(in.damper(), in.answered(), in.abandoned(), in.carrierFailureShare());
        PacingState next = in.mode() == PacingMode.ADAPTIVE ? adapt(in, state) : state;
        double base = in.mode() == PacingMode.ADAPTIVE ? next.ratio() : in.callRatio();
        double ratio = damper.apply(base, in.maxRatio(), in.damper(), in.answered(), in.abandoned());
        next = new PacingState(damper.damping(), next.ratio(), next.ticks(), next.answeredMark(), next.abandonedMark(),
                next.idleSum());
        return new Decision(PacingCalculator.callsToPlace(in.capacity(), ratio), ratio, next);
    }

    static PacingState adapt(Inputs in, PacingState state) {
        Capacity c = in.capacity();
        int limit = Math.max(1, Math.min(c.campaignLimit(), c.connected() + Math.min(c.workspaceFree(), c.agentSlotsFree())));
        double idle = Math.max(0, 1.0 - (double) c.connected() / limit);
        int ticks = state.ticks() + 1;
        double idleSum = state.idleSum() + idle;
        if (ticks < ADJUST_EVERY) {
            return new PacingState(state.damping(), state.ratio(), ticks, state.answeredMark(), state.abandonedMark(), idleSum);
        }
        long answered = Math.max(0, in.answered() - state.answeredMark());
        long abandoned = Math.max(0, in.abandoned() - state.abandonedMark());
        double target = in.damper().abandonTarget();
        double ratio = state.ratio();
        // Abandons are judged over at least WINDOW_ANSWERS answered calls: one abandon in a handful is noise.
        boolean over = abandoned > target * Math.max(answered, WINDOW_ANSWERS);
        if (over) {
            ratio = Math.max(1.0, ratio * DOWN);
        } else if (idleSum / ticks > IDLE_WORTH_RAISING && periodRate(in) < target * DamperSettings.CLEAR) {
            ratio = Math.min(in.maxRatio(), ratio + UP_STEP);
        }
        ratio = Math.round(ratio * 100) / 100.0; // as call_ratio is stored: two decimals
        boolean windowDone = over || answered >= WINDOW_ANSWERS;
        return new PacingState(state.damping(), ratio, 0, windowDone ? in.answered() : state.answeredMark(),
                windowDone ? in.abandoned() : state.abandonedMark(), 0);
    }

    private static double periodRate(Inputs in) {
        return in.answered() < in.damper().minSample() ? 0 : (double) in.abandoned() / in.answered();
    }
}
