package io.vaani.dialer.pacing;

/**
 * How long, in seconds, each of a campaign's live calls has been going: the connected ones since
 * they were answered, the ringing ones since they were placed.
 */
public record CallAges(double[] talking, double[] ringing) {
    public static final CallAges NONE = new CallAges(new double[0], new double[0]);
}
