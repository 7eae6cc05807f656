package io.vaani.agent.provider.tts;

/** A text-to-speech provider: one session per call, fed the agent's text as the model writes it. */
public interface TextToSpeech {

    /** Opens a session; audio arrives on the listener from the provider's threads, in order. */
    TtsSession open(TtsOptions options, TtsListener listener);
}
