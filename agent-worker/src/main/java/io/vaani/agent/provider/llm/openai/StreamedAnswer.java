package io.vaani.agent.provider.llm.openai;

import com.fasterxml.jackson.databind.JsonNode;
import io.vaani.agent.provider.llm.LlmListener;
import io.vaani.agent.provider.llm.ToolCall;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One streamed answer, chunk by chunk: text deltas go straight to the listener; tool calls arrive
 * in pieces by {@code index} (id and name first, then fragments of the arguments) and are handed
 * over whole, in index order, when the finish reason says the answer is over.
 */
final class StreamedAnswer {
    private final LlmListener listener;
    private final Map<Integer, PendingCall> calls = new TreeMap<>();
    private String finishReason;
    private JsonNode usage;

    StreamedAnswer(LlmListener listener) {
        this.listener = listener;
    }

    /** Takes one {@code chat.completion.chunk}. */
    void accept(JsonNode chunk) {
        JsonNode chunkUsage = chunk.path("usage");
        if (chunkUsage.isObject()) {
            usage = chunkUsage;
        }
        for (JsonNode choice : chunk.path("choices")) {
            // One choice is asked for (n is left at 1); any other index is not ours to speak.
            if (choice.path("index").asInt(0) != 0 || finished()) {
                continue;
            }
            JsonNode delta = choice.path("delta");
            JsonNode content = delta.path("content");
            if (content.isTextual() && !content.asText().isEmpty()) {
                listener.onText(content.asText());
            }
            int position = 0;
            for (JsonNode piece : delta.path("tool_calls")) {
                int index = piece.path("index").asInt(position++);
                PendingCall call = calls.computeIfAbsent(index, i -> new PendingCall());
                JsonNode function = piece.path("function");
                if (call.id == null && piece.path("id").isTextual()) {
                    call.id = piece.path("id").asText();
                }
                // The name comes whole with the first piece; later pieces carry only arguments.
                if (call.name == null && function.path("name").isTextual()) {
                    call.name = function.path("name").asText();
                }
                if (function.path("arguments").isTextual()) {
                    call.arguments.append(function.path("arguments").asText());
                }
            }
            JsonNode reason = choice.path("finish_reason");
            if (reason.isTextual()) {
                finish(reason.asText());
            }
        }
    }

    /** Ends the answer: the joined tool calls, then completion. */
    void finish(String reason) {
        if (finished()) {
            return;
        }
        finishReason = reason;
        calls.forEach((index, call) -> listener.onToolCall(new ToolCall(
                call.id != null ? call.id : "call_" + index,
                call.name != null ? call.name : "",
                call.arguments.isEmpty() ? "{}" : call.arguments.toString())));
        listener.onComplete(reason);
    }

    boolean finished() {
        return finishReason != null;
    }

    boolean hasToolCalls() {
        return !calls.isEmpty();
    }

    /** The token counts of the usage chunk, when it came. */
    Optional<JsonNode> usage() {
        return Optional.ofNullable(usage);
    }

    private static final class PendingCall {
        private String id;
        private String name;
        private final StringBuilder arguments = new StringBuilder();
    }
}
