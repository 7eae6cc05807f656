package io.vaani.hopper.fill;

import java.util.UUID;

/**
 * What one pass over a campaign's hopper did.
 *
 * @param removedOutsideWindow entries removed because their zone left the calling window
 * @param removedDoNotCall entries removed because their number joined a do-not-call list
 * @param purged entries removed because the campaign no longer runs
 */
public record FillResult(UUID campaignId, Outcome outcome, int filled, int removedOutsideWindow, int removedDoNotCall,
        int purged, int depth, int level) {

    public enum Outcome {
        /** The hopper was checked and filled up to its level as far as dialable prospects allow. */
        FILLED,
        /** Another replica was filling this campaign at the same moment. */
        BUSY,
        /** The campaign does not run (or no longer exists): its hopper was emptied. */
        NOT_RUNNING
    }

    static FillResult busy(UUID campaignId) {
        return new FillResult(campaignId, Outcome.BUSY, 0, 0, 0, 0, 0, 0);
    }

    static FillResult notRunning(UUID campaignId, int purged) {
        return new FillResult(campaignId, Outcome.NOT_RUNNING, 0, 0, 0, purged, 0, 0);
    }
}
