package io.vaani.hopper.fill;

/**
 * How many prospects a campaign's hopper should hold: enough for two minutes of dialing at the
 * highest pace the campaign can reach, {@code 2 × capacity × ratio × ticks per minute}, never
 * below the campaign's minimum nor above the service's cap.
 */
public final class HopperLevel {
    private HopperLevel() {
    }

    public static int of(CampaignSettings campaign, int cap) {
        double ticksPerMinute = 60.0 / campaign.dialerIntervalSeconds();
        long level = (long) Math.ceil(2 * campaign.maxConcurrency() * campaign.peakRatio() * ticksPerMinute);
        return (int) Math.min(cap, Math.max(campaign.hopperMin(), level));
    }
}
