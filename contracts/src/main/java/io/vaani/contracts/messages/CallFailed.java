package io.vaani.contracts.messages;

import io.vaani.contracts.domain.CallOutcome;
import java.time.Instant;
import java.util.UUID;

/** A call that never connected: busy, no answer, invalid number, carrier or origination failure. */
public record CallFailed(int version, long callLogId, UUID workspaceId, UUID campaignId, long prospectId, Instant at,
        CallOutcome outcome, Integer sipStatus, String reason) implements CallEvent {

    public CallFailed {
        CallEvent.check(version, "CallFailed", workspaceId, campaignId, at);
        Versions.required(outcome, "outcome");
        if (outcome.answered()) {
            throw new IllegalArgumentException("a failed call cannot have the answered outcome " + outcome);
        }
    }

    @Override
    public String kind() {
        return "failed";
    }
}
