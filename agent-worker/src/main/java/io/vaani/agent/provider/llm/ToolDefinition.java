package io.vaani.agent.provider.llm;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A function the model may call: its name, what it is for, and its parameters as a JSON Schema object. */
public record ToolDefinition(String name, String description, ObjectNode parameters) {
}
