package io.vaani.contracts.messages;

import com.fasterxml.jackson.databind.JsonNode;
import io.vaani.contracts.topology.Exchanges;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What the agent worker kept of a conversation, published on {@code vaani.calls} as
 * {@code call-record} once the call is over: the transcript turn by turn with their latency
 * figures, the call's totals and the recording's S3 key (null when there is none). dialer-core
 * writes it to {@code chat_logs} and the call log.
 */
public record CallRecord(int version, long callLogId, UUID workspaceId, UUID agentId, List<Turn> turns, JsonNode metrics,
        String recordingKey, Instant at) implements Message {
    public static final int VERSION = 1;
    public static final String ROUTING_KEY = "call-record";

    public enum Role {
        SYSTEM, ASSISTANT, USER, TOOL
    }

    /**
     * One turn, numbered from 1 in the call.
     *
     * @param interrupted the callee cut the agent off: {@code content} is what was actually played
     * @param metrics per-turn figures, e.g. end-of-utterance delay, LLM time to first token, TTS time to first byte
     */
    public record Turn(int seq, Role role, String content, boolean interrupted, Instant startedAt, Instant endedAt, JsonNode metrics) {
        public Turn {
            Versions.required(role, "role");
            Versions.required(content, "content");
            Versions.required(startedAt, "startedAt");
            if (seq < 1) {
                throw new IllegalArgumentException("seq starts at 1");
            }
        }
    }

    public CallRecord {
        Versions.check(version, VERSION, "CallRecord");
        Versions.required(workspaceId, "workspaceId");
        Versions.required(at, "at");
        turns = turns == null ? List.of() : List.copyOf(turns);
    }

    @Override
    public String messageId() {
        return "call:" + callLogId + ":record";
    }

    @Override
    public String exchange() {
        return Exchanges.CALLS;
    }

    @Override
    public String routingKey() {
        return ROUTING_KEY;
    }
}
