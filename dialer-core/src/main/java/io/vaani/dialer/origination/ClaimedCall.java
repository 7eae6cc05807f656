package io.vaani.dialer.origination;

import io.vaani.contracts.livekit.CallRooms;
import java.util.UUID;

/** A call the dialer may place now: its call log exists and its prospect is DIALING under this dialer's lease. */
public record ClaimedCall(long callLogId, long prospectId, UUID workspaceId, UUID campaignId, UUID agentId, String phone,
        int attempt, String variablesJson) {

    /** The LiveKit room of the call, named after its call log. */
    public String roomName() {
        return CallRooms.name(callLogId);
    }
}
