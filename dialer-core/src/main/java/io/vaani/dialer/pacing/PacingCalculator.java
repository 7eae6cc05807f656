package io.vaani.dialer.pacing;

/**
 * How many calls a campaign places at one tick (ARCHITECTURE.md §4):
 * {@code clamp(floor(free_slots × ratio) − ringing, 0, min(max_per_tick, trunk budget))}. Calls
 * still ringing count against the next ones, so a slow network never piles calls up.
 */
public final class PacingCalculator {
    private PacingCalculator() {
    }

    public static int callsToPlace(Capacity capacity, double effectiveRatio) {
        if (effectiveRatio < 1.0 || Double.isNaN(effectiveRatio)) {
            throw new IllegalArgumentException("effective ratio must be at least 1.0, got " + effectiveRatio);
        }
        long wanted = (long) Math.floor(capacity.freeSlots() * effectiveRatio) - capacity.ringing();
        long cap = capacity.callCap();
        return (int) Math.max(0, Math.min(wanted, cap));
    }

    /** Calls the trunk accepts in one tick at {@code callsPerSecond}; at least one when it accepts any. */
    public static int trunkBudget(double callsPerSecond, int tickSeconds) {
        return callsPerSecond <= 0 ? 0 : (int) Math.max(1, Math.floor(callsPerSecond * tickSeconds));
    }
}
