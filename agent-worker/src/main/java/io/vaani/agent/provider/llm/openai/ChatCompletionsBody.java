package io.vaani.agent.provider.llm.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vaani.agent.provider.llm.ChatMessage;
import io.vaani.agent.provider.llm.LlmRequest;
import io.vaani.agent.provider.llm.ToolCall;
import io.vaani.agent.provider.llm.ToolDefinition;

/** The JSON body of a streamed {@code POST /chat/completions}. */
final class ChatCompletionsBody {

    private ChatCompletionsBody() {
    }

    static ObjectNode of(LlmRequest request, ObjectMapper json) {
        ObjectNode body = json.createObjectNode();
        body.put("model", request.model());
        ArrayNode messages = body.putArray("messages");
        request.messages().forEach(message -> messages.add(message(message, json)));
        // The API rejects an empty tools array, so an agent without tools sends none.
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            request.tools().forEach(tool -> tools.add(tool(tool, json)));
        }
        request.temperature().ifPresent(temperature -> body.put("temperature", temperature));
        body.put("stream", true);
        // The usage arrives in one more chunk, after the finish reason and before [DONE].
        body.putObject("stream_options").put("include_usage", true);
        return body;
    }

    private static ObjectNode message(ChatMessage message, ObjectMapper json) {
        ObjectNode node = json.createObjectNode();
        switch (message) {
            case ChatMessage.System system -> node.put("role", "system").put("content", system.content());
            case ChatMessage.User user -> node.put("role", "user").put("content", user.content());
            case ChatMessage.Assistant assistant -> {
                node.put("role", "assistant");
                boolean calls = assistant.toolCalls() != null && !assistant.toolCalls().isEmpty();
                // Content may be null only beside tool calls; an empty array of calls is refused.
                if (calls && (assistant.content() == null || assistant.content().isEmpty())) {
                    node.putNull("content");
                } else {
                    node.put("content", assistant.content() == null ? "" : assistant.content());
                }
                if (calls) {
                    ArrayNode toolCalls = node.putArray("tool_calls");
                    assistant.toolCalls().forEach(call -> toolCalls.add(toolCall(call, json)));
                }
            }
            case ChatMessage.ToolResult result -> node.put("role", "tool")
                    .put("tool_call_id", result.toolCallId())
                    .put("content", result.content());
        }
        return node;
    }

    private static ObjectNode toolCall(ToolCall call, ObjectMapper json) {
        ObjectNode node = json.createObjectNode().put("id", call.id()).put("type", "function");
        node.putObject("function").put("name", call.name()).put("arguments", call.arguments());
        return node;
    }

    private static ObjectNode tool(ToolDefinition tool, ObjectMapper json) {
        ObjectNode node = json.createObjectNode().put("type", "function");
        ObjectNode function = node.putObject("function").put("name", tool.name());
        if (tool.description() != null) {
            function.put("description", tool.description());
        }
        function.set("parameters", tool.parameters() != null ? tool.parameters()
                : json.createObjectNode().put("type", "object").set("properties", json.createObjectNode()));
        return node;
    }
}
