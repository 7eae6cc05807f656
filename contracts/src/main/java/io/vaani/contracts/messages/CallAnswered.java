package io.vaani.contracts.messages;

import java.time.Instant;
import java.util.UUID;

/** The callee picked up: an agent must join within two seconds. */
public record CallAnswered(int version, long callLogId, UUID workspaceId, UUID campaignId, long prospectId, Instant at)
        implements CallEvent {

    public CallAnswered {
        CallEvent.check(version, "CallAnswered", workspaceId, campaignId, at);
    }

    @Override
    public String kind() {
        return "answered";
    }
}
