package io.vaani.contracts.messages;

import java.time.Instant;
import java.util.UUID;

/** The callee's phone is ringing. */
public record CallRinging(int version, long callLogId, UUID workspaceId, UUID campaignId, long prospectId, Instant at)
        implements CallEvent {

    public CallRinging {
        CallEvent.check(version, "CallRinging", workspaceId, campaignId, at);
    }

    @Override
    public String kind() {
        return "ringing";
    }
}
