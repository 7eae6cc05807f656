package io.vaani.contracts.messages;

import io.vaani.contracts.domain.CallOutcome;
import java.time.Instant;
import java.util.UUID;

/**
 * A call that connected has ended.
 *
 * @param talkSeconds time from answer to hang-up
 * @param disposition free-form result the agent recorded (e.g. "interested"), may be null
 */
public record CallEnded(int version, long callLogId, UUID workspaceId, UUID campaignId, long prospectId, Instant at,
        CallOutcome outcome, Integer sipStatus, long talkSeconds, String disposition) implements CallEvent {

    public CallEnded {
        CallEvent.check(version, "CallEnded", workspaceId, campaignId, at);
        Versions.required(outcome, "outcome");
        if (talkSeconds < 0) {
            throw new IllegalArgumentException("talkSeconds must not be negative");
        }
    }

    @Override
    public String kind() {
        return "ended";
    }
}
