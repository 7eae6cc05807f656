package io.vaani.agent.provider.llm;

/** A chat model that streams its answer: text as it is written and the tools it calls. */
public interface LanguageModel {

    /** Starts one completion; the listener hears its deltas in order. */
    LlmCall stream(LlmRequest request, LlmListener listener);
}
