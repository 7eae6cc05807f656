package io.vaani.agent.provider.llm;

/** A completion under way. */
public interface LlmCall {

    /** Stops it (the caller interrupted): no more events after this returns. */
    void cancel();
}
