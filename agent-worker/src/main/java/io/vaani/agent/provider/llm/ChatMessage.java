package io.vaani.agent.provider.llm;

import java.util.List;

/** A turn of the conversation as chat models take it. */
public sealed interface ChatMessage {

    record System(String content) implements ChatMessage {
    }

    record User(String content) implements ChatMessage {
    }

    /** What the agent said (perhaps cut short by the caller) and the tools it called. */
    record Assistant(String content, List<ToolCall> toolCalls) implements ChatMessage {
    }

    /** A tool's result, answering the call with this id. */
    record ToolResult(String toolCallId, String content) implements ChatMessage {
    }
}
