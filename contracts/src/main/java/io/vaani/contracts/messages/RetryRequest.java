package io.vaani.contracts.messages;

import java.time.Instant;
import java.util.UUID;

/** Make a prospect dialable again no earlier than {@code notBefore} (an operator's "retry"). */
public record RetryRequest(int version, UUID requestId, UUID workspaceId, UUID campaignId, long prospectId,
        Instant notBefore, String reason, Instant at) implements ScheduleRequest {

    public RetryRequest {
        ScheduleRequest.check(version, "RetryRequest", requestId, workspaceId);
        Versions.required(campaignId, "campaignId");
        Versions.required(notBefore, "notBefore");
        Versions.required(at, "at");
    }

    @Override
    public String kind() {
        return "retry";
    }
}
