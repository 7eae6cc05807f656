package io.vaani.agent.provider.llm;

/** A call the model made: the provider's id for it, the tool's name and its arguments as JSON text. */
public record ToolCall(String id, String name, String arguments) {
}
