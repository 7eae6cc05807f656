package io.vaani.contracts.messages;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.vaani.contracts.topology.Exchanges;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Progress of one call, published on {@code vaani.calls} as {@code call.<kind>}. Every call ends in
 * exactly one final event ({@link CallEnded} or {@link CallFailed}); both share the message id
 * {@code call:<id>:final}, so a consumer that deduplicates on it sees one outcome per call.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = CallOriginated.class, name = "originated"),
        @JsonSubTypes.Type(value = CallRinging.class, name = "ringing"),
        @JsonSubTypes.Type(value = CallAnswered.class, name = "answered"),
        @JsonSubTypes.Type(value = CallEnded.class, name = "ended"),
        @JsonSubTypes.Type(value = CallFailed.class, name = "failed") })
public sealed interface CallEvent extends Message permits CallOriginated, CallRinging, CallAnswered, CallEnded, CallFailed {
    int VERSION = 1;

    long callLogId();

    UUID workspaceId();

    UUID campaignId();

    long prospectId();

    Instant at();

    /** The routing-key suffix: originated, ringing, answered, ended or failed. */
    String kind();

    default boolean finalEvent() {
        return this instanceof CallEnded || this instanceof CallFailed;
    }

    @Override
    default String messageId() {
        return "call:" + callLogId() + ":" + (finalEvent() ? "final" : kind());
    }

    @Override
    default String exchange() {
        return Exchanges.CALLS;
    }

    @Override
    default String routingKey() {
        return "call." + kind();
    }

    /**
     * The Redis key that lets only the first final event of a call be published (SET NX, with an
     * expiry): whoever settles a call, the dialer or the scheduler's reaper, takes it first.
     */
    static String finalGuardKey(long callLogId) {
        return "vaani:call:" + callLogId + ":final";
    }

    /** How long a published outcome blocks another: well beyond the reaper's one-minute look-again. */
    Duration FINAL_GUARD = Duration.ofMinutes(10);

    /**
     * The Redis command that takes the guard of a final event: {@code SET <guard> <kind> NX EX <s>}; it
     * answers OK to the first publisher of the call's outcome, nil to every later one.
     */
    static List<String> takeFinalGuard(CallEvent event) {
        return List.of("SET", finalGuardKey(event.callLogId()), event.kind(), "NX", "EX", String.valueOf(FINAL_GUARD.toSeconds()));
    }

    /** Validation shared by every variant's constructor. */
    static void check(int version, String type, UUID workspaceId, UUID campaignId, Instant at) {
        Versions.check(version, VERSION, type);
        Versions.required(workspaceId, "workspaceId");
        Versions.required(campaignId, "campaignId");
        Versions.required(at, "at");
    }
}
