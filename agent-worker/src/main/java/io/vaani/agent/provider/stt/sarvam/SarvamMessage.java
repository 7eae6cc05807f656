package io.vaani.agent.provider.stt.sarvam;

import com.fasterxml.jackson.databind.JsonNode;

/** What Sarvam's {@code /speech-to-text/ws} sends, by its {@code type}. */
sealed interface SarvamMessage {

    /** An utterance's transcript; Sarvam streams no interim results on this endpoint. */
    record Data(String transcript, String languageCode, String requestId) implements SarvamMessage {
    }

    /** Sarvam's voice detection: START_SPEECH or END_SPEECH. */
    record Event(String signal) implements SarvamMessage {
    }

    record Error(String code, String message) implements SarvamMessage {
    }

    record Other(String type) implements SarvamMessage {
    }

    static SarvamMessage parse(JsonNode json) {
        String type = json.path("type").asText();
        JsonNode data = json.path("data");
        return switch (type) {
            case "data" -> new Data(data.path("transcript").asText(""), data.path("language_code").asText(""),
                    data.path("request_id").asText(""));
            case "events" -> new Event(data.path("signal_type").asText(""));
            case "error" -> new Error(data.path("code").asText(json.path("code").asText("")),
                    data.path("error").asText(json.path("error").asText("error")));
            default -> new Other(type);
        };
    }
}
