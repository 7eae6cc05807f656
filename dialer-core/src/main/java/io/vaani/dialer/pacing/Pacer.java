package io.vaani.dialer.pacing;

import io.vaani.contracts.domain.PacingMode;
import java.util.Optional;

/**
 * One tick's pacing decision: how many calls to place, and the ratio that is dialing at.
 *
 * <p>MANUAL dials {@code free × call_ratio − ringing} ({@link PacingCalculator}). ADAPTIVE dials
 * what the {@link Forecast} of the campaign's measured calls allows at a risk per call tied to the
 * abandon target, and never less than progressive dialing; until the campaign has enough calls to
 * measure, it dials as MANUAL at its configured ratio. An adaptive ratio is the lines dialed per
 * agent (calls connected, ringing and about to be placed, over the agents the campaign may use),
 * so 1.0 is progressive in both modes and the damper pulls both towards it.
 */
public final class Pacer {
    /**
     * The adaptive risk per call as a share of the abandon target. The abandon rate it leads to
     * depends on the pool size (about 80% of the share at 50 agents, half of it at 10; see the
     * PacingBench table): 0.7 keeps the rate clear of the damper's guard at the target.
     */
    static final double RISK_SHARE = 0.7;

    private Pacer() {
    }

    /**
     * @param answered answered calls in the compliance period
     * @param abandoned abandoned calls among them
     * @param forecast what adaptive pacing forecasts from, once the campaign's calls are measured
     */
    public record Inputs(PacingMode mode, double callRatio, double maxRatio, DamperSettings damper, Capacity capacity,
            long answered, long abandoned, double carrierFailureShare, Optional<Forecast.Basis> forecast) {
    }

    /**
     * @param linesPerAgent whether {@code ratio} is lines per agent (the forecast) or a multiple of
     *     the free agents (a configured ratio)
     */
    public record Decision(int calls, double ratio, boolean linesPerAgent, PacingState next) {

        /** The calls this decision's ratio makes on fresher figures, when another tick of the campaign moved first. */
        public int callsOn(Capacity fresh) {
            return linesPerAgent ? Math.min(fresh.callsForLines(ratio), fresh.callCap()) : PacingCalculator.callsToPlace(fresh, ratio);
        }
    }

    public static Decision decide(Inputs in, PacingState state) {
        Optional<Forecast.Basis> forecast = in.mode() == PacingMode.ADAPTIVE ? in.forecast() : Optional.empty();
        Damper damper = state.damper().next(in.damper(), forecast.isPresent() ? Damper.Band.FORECAST : Damper.Band.RATIO,
                in.answered(), in.abandoned(), in.carrierFailureShare());
        PacingState next = new PacingState(damper.damping());
        Capacity c = in.capacity();
        if (forecast.isEmpty()) {
            double ratio = damper.apply(in.callRatio(), in.maxRatio(), in.damper(), in.answered(), in.abandoned());
            return new Decision(PacingCalculator.callsToPlace(c, ratio), ratio, false, next);
        }
        int progressive = Math.min(c.callsForLines(1.0), c.callCap()); // a ringing call per free agent: it cannot abandon
        int wanted = Math.max(progressive, Forecast.callsToPlace(forecast.get(), c.freeSlots(),
                in.damper().abandonTarget() * RISK_SHARE, c.callCap()));
        double ratio = damper.apply(c.linesPerAgent(wanted), in.maxRatio(), in.damper(), in.answered(), in.abandoned());
        int calls = Math.min(wanted, c.callsForLines(ratio));
        return new Decision(calls, c.linesPerAgent(calls), true, next);
    }
}
