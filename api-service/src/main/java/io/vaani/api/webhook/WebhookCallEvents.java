package io.vaani.api.webhook;

import io.vaani.contracts.domain.CallOutcome;
import io.vaani.contracts.messages.CallAnswered;
import io.vaani.contracts.messages.CallEnded;
import io.vaani.contracts.messages.CallEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import livekit.LivekitModels.ParticipantInfo;
import livekit.LivekitWebhook.WebhookEvent;

/**
 * What a LiveKit webhook means for a call. The callee's SIP participant joining is the answer; the
 * room finishing ends an answered call. A SIP participant leaving is not taken as the end: the
 * agent, still in the room, publishes the call's outcome (its disposition) before it leaves, and the
 * room finishes after; an unanswered call's end is the dialer's to tell, with its SIP status.
 */
final class WebhookCallEvents {
    static final String PARTICIPANT_JOINED = "participant_joined";
    static final String ROOM_FINISHED = "room_finished";

    /** The call as its log stands. */
    record Call(long id, UUID workspace, UUID campaign, long prospect, String status, Instant answeredAt) {
    }

    private WebhookCallEvents() {
    }

    static Optional<CallEvent> of(WebhookEvent event, Call call) {
        if (call.campaign() == null || "ENDED".equals(call.status())) {
            return Optional.empty();
        }
        Instant at = event.getCreatedAt() > 0 ? Instant.ofEpochSecond(event.getCreatedAt()) : Instant.now();
        return switch (event.getEvent()) {
            case PARTICIPANT_JOINED -> event.getParticipant().getKind() == ParticipantInfo.Kind.SIP
                    ? Optional.of(new CallAnswered(CallEvent.VERSION, call.id(), call.workspace(), call.campaign(), call.prospect(), at))
                    : Optional.empty();
            case ROOM_FINISHED -> call.answeredAt() == null ? Optional.empty()
                    : Optional.of(new CallEnded(CallEvent.VERSION, call.id(), call.workspace(), call.campaign(), call.prospect(), at,
                            CallOutcome.COMPLETED, null, Math.max(0, Duration.between(call.answeredAt(), at).toSeconds()), null));
            default -> Optional.empty();
        };
    }
}
