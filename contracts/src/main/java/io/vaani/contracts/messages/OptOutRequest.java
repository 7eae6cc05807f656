package io.vaani.contracts.messages;

import java.time.Instant;
import java.util.UUID;

/**
 * The callee asked not to be called again: the number joins the workspace's do-not-call list at
 * once and leaves every hopper.
 *
 * @param phone E.164 number
 * @param callLogId the call in which the callee opted out, null when it came from elsewhere
 * @param source who recorded it, e.g. "agent" or "api"
 */
public record OptOutRequest(int version, UUID requestId, UUID workspaceId, String phone, Long callLogId,
        String source, Instant at) implements ScheduleRequest {

    public OptOutRequest {
        ScheduleRequest.check(version, "OptOutRequest", requestId, workspaceId);
        Versions.required(phone, "phone");
        if (!phone.matches("\\+[1-9][0-9]{6,14}")) {
            throw new IllegalArgumentException("phone must be E.164: " + phone);
        }
        Versions.required(at, "at");
    }

    @Override
    public String kind() {
        return "opt-out";
    }
}
