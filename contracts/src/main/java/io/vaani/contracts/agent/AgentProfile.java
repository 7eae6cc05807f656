package io.vaani.contracts.agent;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What an agent worker needs to run an agent, as the dialer read it from {@code agents} when it
 * dispatched the call: the worker holds no database connection, and a call keeps the agent it
 * started with even if the agent is edited meanwhile.
 */
public record AgentProfile(String name, String systemPrompt, String firstMessage, String language, Model llm, Model stt,
        Voice tts, Tools tools, VoicemailAction voicemailAction, String voicemailMessage, int maxCallSeconds) {

    /** A provider (see {@link Providers}) and its model. */
    public record Model(String provider, String model) {
    }

    /** A TTS provider with its model and voice; null model or voice means the provider's default. */
    public record Voice(String provider, String model, String voice) {
    }

    /** The tools the agent may use: {@code agents.tools} as the API stores it. */
    public record Tools(boolean endCall, boolean callback, boolean optOut, String transferNumber, List<HttpTool> http) {
        public Tools {
            http = http == null ? List.of() : List.copyOf(http);
        }

        public static Tools none() {
            return new Tools(false, false, false, null, List.of());
        }
    }

    /** A workspace-defined tool: the worker calls {@code url} with the model's arguments (JSON Schema {@code parameters}). */
    public record HttpTool(String name, String description, String url, String method, Integer timeoutMs, JsonNode parameters) {
    }

    public enum VoicemailAction {
        HANG_UP, LEAVE_MESSAGE
    }
}
