package io.vaani.agent.provider.tts;

import io.vaani.agent.provider.ProviderException;

/** A provider that speaks one sentence per request (REST, or a local process). */
public interface SentenceSynthesizer {

    /**
     * Starts speaking {@code text}: returns once the provider answered and its audio is coming, or
     * fails with the provider's refusal. What would stop the request before then is registered on
     * {@code cancellation} (barge-in).
     */
    SpeechStream synthesize(String text, Cancellation cancellation) throws InterruptedException;

    /** The provider's name in {@link ProviderException}s. */
    String provider();
}
