package io.vaani.api.call;

import io.vaani.contracts.domain.CallOutcome;
import io.vaani.contracts.domain.Telephony;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The bodies of the call log endpoints. */
public final class CallDtos {
    private CallDtos() {
    }

    public enum CallStatus {
        DIALING, RINGING, ANSWERED, ENDED
    }

    @Schema(name = "Call")
    public record Call(long id, UUID campaignId, @Schema(nullable = true) Long prospectId, @Schema(nullable = true) Long batchItemId,
            UUID agentId, @Schema(examples = "+14155550123") String phone, String callerId, int attempt, Telephony telephony,
            String roomName, CallStatus status, @Schema(nullable = true) CallOutcome outcome,
            @Schema(description = "What the agent recorded, e.g. interested", nullable = true) String disposition,
            @Schema(nullable = true) Integer sipStatus, Instant createdAt, Instant ringingAt, Instant answeredAt, Instant endedAt,
            @Schema(nullable = true) Integer talkSeconds, @Schema(nullable = true) Integer turnCount,
            @Schema(description = "Whether GET .../recording has a file") boolean recorded,
            @Schema(description = "Latency figures per turn and totals", nullable = true) Map<String, Object> metrics,
            @Schema(nullable = true) String error) {
    }

    @Schema(name = "Recording", description = "A pre-signed GET URL of the call's Ogg/Opus recording")
    public record Recording(String url, Instant expiresAt) {
    }

    @Schema(name = "Turn", description = "One turn of a conversation")
    public record Turn(long id, long callId, @Schema(nullable = true) UUID agentId, int seq,
            @Schema(description = "SYSTEM, ASSISTANT, USER or TOOL") String role, String content,
            @Schema(description = "The callee spoke over it: content is what was played") boolean interrupted, Instant startedAt,
            @Schema(nullable = true) Instant endedAt, @Schema(nullable = true) Map<String, Object> metrics) {
    }

    @Schema(name = "Transcript")
    public record Transcript(long callId, List<Turn> turns) {
    }
}
