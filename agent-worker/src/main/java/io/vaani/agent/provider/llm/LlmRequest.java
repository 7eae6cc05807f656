package io.vaani.agent.provider.llm;

import java.util.List;
import java.util.Optional;

/** One completion: the agent's model, the conversation so far and the tools the model may call. */
public record LlmRequest(String model, List<ChatMessage> messages, List<ToolDefinition> tools, Optional<Double> temperature) {
}
