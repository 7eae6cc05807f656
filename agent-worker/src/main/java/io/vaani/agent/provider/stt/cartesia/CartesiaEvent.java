package io.vaani.agent.provider.stt.cartesia;

import com.fasterxml.jackson.databind.JsonNode;

/** What Cartesia's {@code /stt/websocket} sends, by its {@code type}. */
sealed interface CartesiaEvent {

    /** Text since the last final chunk (a delta, not the whole transcript); {@code duration} in seconds. */
    record TranscriptChunk(String text, boolean isFinal, double duration, double firstWordStart, double lastWordEnd)
            implements CartesiaEvent {
    }

    /** The answer to {@code finalize}. */
    record FlushDone() implements CartesiaEvent {
    }

    /** The answer to {@code close}: the session is over. */
    record Done() implements CartesiaEvent {
    }

    record Error(int status, String message) implements CartesiaEvent {
    }

    record Other(String type) implements CartesiaEvent {
    }

    static CartesiaEvent parse(JsonNode json) {
        String type = json.path("type").asText();
        return switch (type) {
            case "transcript" -> {
                JsonNode words = json.path("words");
                double first = words.isArray() && !words.isEmpty() ? words.get(0).path("start").asDouble(-1) : -1;
                double last = words.isArray() && !words.isEmpty() ? words.get(words.size() - 1).path("end").asDouble(-1) : -1;
                yield new TranscriptChunk(json.path("text").asText(""), json.path("is_final").asBoolean(false),
                        json.path("duration").asDouble(0), first, last);
            }
            case "flush_done" -> new FlushDone();
            case "done" -> new Done();
            case "error" -> new Error(json.path("status_code").asInt(json.path("code").asInt(500)),
                    json.path("message").asText(json.path("title").asText("error")));
            default -> new Other(type);
        };
    }
}
