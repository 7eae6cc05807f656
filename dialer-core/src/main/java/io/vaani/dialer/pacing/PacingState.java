package io.vaani.dialer.pacing;

/**
 * What pacing remembers of a campaign from tick to tick (kept in Redis between ticks, whichever
 * replica handles them).
 *
 * @param damping the damper's current damping, 1.0 when undamped
 */
public record PacingState(double damping) {

    public static PacingState initial() {
        return new PacingState(1.0);
    }

    public Damper damper() {
        return new Damper(damping);
    }
}
