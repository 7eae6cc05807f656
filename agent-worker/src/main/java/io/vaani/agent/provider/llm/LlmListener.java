package io.vaani.agent.provider.llm;

import io.vaani.agent.provider.ProviderException;

public interface LlmListener {

    /** A piece of the answer's text, as the model writes it. */
    void onText(String delta);

    /** A tool call, whole (its streamed argument pieces joined). */
    void onToolCall(ToolCall call);

    /** The answer is complete; {@code finishReason} as the provider gives it (stop, tool_calls, length...). */
    void onComplete(String finishReason);

    void onError(ProviderException error);
}
