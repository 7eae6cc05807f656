package io.vaani.agent.provider.stt.deepgram;

import com.fasterxml.jackson.databind.JsonNode;

/** What Deepgram's live endpoint sends, by its {@code type}; times are seconds into the connection's audio. */
sealed interface DeepgramMessage {

    /** Words recognised; an interim result is replaced by later ones until {@code isFinal}. */
    record Results(String transcript, double confidence, boolean isFinal, boolean speechFinal, boolean fromFinalize,
            double start, double duration) implements DeepgramMessage {
    }

    record SpeechStarted(double timestamp) implements DeepgramMessage {
    }

    record UtteranceEnd(double lastWordEnd) implements DeepgramMessage {
    }

    /** Sent once the stream is done (after CloseStream), summing it up. */
    record Metadata(String requestId, double duration) implements DeepgramMessage {
    }

    record Other(String type) implements DeepgramMessage {
    }

    static DeepgramMessage parse(JsonNode json) {
        String type = json.path("type").asText();
        return switch (type) {
            case "Results" -> {
                JsonNode alternative = json.path("channel").path("alternatives").path(0);
                yield new Results(alternative.path("transcript").asText(""), alternative.path("confidence").asDouble(0),
                        json.path("is_final").asBoolean(false), json.path("speech_final").asBoolean(false),
                        json.path("from_finalize").asBoolean(false), json.path("start").asDouble(0), json.path("duration").asDouble(0));
            }
            case "SpeechStarted" -> new SpeechStarted(json.path("timestamp").asDouble(0));
            case "UtteranceEnd" -> new UtteranceEnd(json.path("last_word_end").asDouble(0));
            case "Metadata" -> new Metadata(json.path("request_id").asText(""), json.path("duration").asDouble(0));
            default -> new Other(type);
        };
    }
}
