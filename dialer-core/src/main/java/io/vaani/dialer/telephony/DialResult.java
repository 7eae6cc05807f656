package io.vaani.dialer.telephony;

import io.vaani.contracts.domain.CallOutcome;

/** How a placed call first resolves: someone (or a machine) picks up, or the call fails. */
public sealed interface DialResult {

    /** The line connected. */
    record Answered(String sipCallId) implements DialResult {
    }

    /**
     * The call never connected.
     *
     * @param sipStatus the SIP final response, when the network gave one
     */
    record Failed(CallOutcome outcome, Integer sipStatus, String reason) implements DialResult {
    }
}
