package io.vaani.contracts.messages;

import io.vaani.contracts.domain.Telephony;
import java.time.Instant;
import java.util.UUID;

/** The dialer asked the telephony to place the call. */
public record CallOriginated(int version, long callLogId, UUID workspaceId, UUID campaignId, long prospectId,
        Instant at, String phone, Telephony telephony, String roomName) implements CallEvent {

    public CallOriginated {
        CallEvent.check(version, "CallOriginated", workspaceId, campaignId, at);
        Versions.required(phone, "phone");
        Versions.required(telephony, "telephony");
    }

    @Override
    public String kind() {
        return "originated";
    }
}
