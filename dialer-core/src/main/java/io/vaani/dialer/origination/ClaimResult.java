package io.vaani.dialer.origination;

import java.util.List;

/**
 * What a claim took from the hopper: calls to place, and entries given back because the number
 * joined a do-not-call list or the callee's hours closed since it was queued.
 */
public record ClaimResult(List<ClaimedCall> calls, int skippedDoNotCall, int skippedOutsideWindow) {
}
