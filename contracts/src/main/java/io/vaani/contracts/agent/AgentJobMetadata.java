package io.vaani.contracts.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.UUID;

/**
 * The metadata of a LiveKit agent dispatch, as JSON: which call the agent joins and what it
 * knows about the callee. {@code mode} CONVERSATION runs the agent; ABANDON only plays
 * {@code abandonMessage} and hangs up (no agent slot was free when the callee answered), so it
 * takes no conversation slot of the worker. {@code agent} is the agent's profile at dial time.
 */
public record AgentJobMetadata(int version, long callLogId, UUID workspaceId, UUID campaignId, UUID agentId, long prospectId,
        String phone, Mode mode, String abandonMessage, JsonNode variables, AgentProfile agent) {
    /** Version 2 adds {@code agent}; a version 1 dispatch (still in flight during an upgrade) has none. */
    public static final int VERSION = 2;
    private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public enum Mode {
        CONVERSATION, ABANDON
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static AgentJobMetadata fromJson(String json) {
        try {
            return JSON.readValue(json, AgentJobMetadata.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("agent job metadata is not valid: " + e.getOriginalMessage(), e);
        }
    }

    /** Prospect variables from their JSON text ({@code prospects.variables}). */
    public static JsonNode variables(String json) {
        try {
            return JSON.readTree(json == null ? "{}" : json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("prospect variables are not valid JSON", e);
        }
    }
}
