package io.vaani.contracts.messages;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.UUID;

/**
 * "Call me tomorrow at 5": a callback at a wall-clock time in the prospect's own zone.
 *
 * @param localTime the time the callee named, in their zone
 * @param zone IANA zone of {@code localTime}; null means the prospect's zone
 * @param callLogId the call during which it was asked for, null when it came from the API
 */
public record CallbackRequest(int version, UUID requestId, UUID workspaceId, UUID campaignId, long prospectId,
        Long callLogId, LocalDateTime localTime, String zone, String note, Instant at) implements ScheduleRequest {

    public CallbackRequest {
        ScheduleRequest.check(version, "CallbackRequest", requestId, workspaceId);
        Versions.required(campaignId, "campaignId");
        Versions.required(localTime, "localTime");
        Versions.required(at, "at");
    }

    @Override
    public String kind() {
        return "callback";
    }
}
