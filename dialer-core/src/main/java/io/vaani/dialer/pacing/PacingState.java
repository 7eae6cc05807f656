package io.vaani.dialer.pacing;

/**
 * What pacing remembers of a campaign from tick to tick (kept in Redis between ticks, whichever
 * replica handles them).
 *
 * @param damping the damper's current damping, 1.0 when undamped
 * @param ratio the adaptive mode's current call ratio
 * @param ticks ticks since the adaptive ratio last moved
 * @param answeredMark answered calls counted when the ratio last moved
 * @param abandonedMark abandoned calls counted when the ratio last moved
 * @param idleSum the sum, over those ticks, of the share of agent slots left idle
 */
public record PacingState(double damping, double ratio, int ticks, long answeredMark, long abandonedMark, double idleSum) {

    public static PacingState initial(double ratio, long answered, long abandoned) {
        return new PacingState(1.0, ratio, 0, answered, abandoned, 0);
    }

    public Damper damper() {
        return new Damper(damping);
    }
}
