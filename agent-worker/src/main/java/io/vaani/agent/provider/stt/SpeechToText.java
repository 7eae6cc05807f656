package io.vaani.agent.provider.stt;

/** A speech-to-text provider: one session per call, fed the caller's audio as it arrives. */
public interface SpeechToText {

    /** Opens a session; events arrive on the listener from the provider's threads, in order. */
    SttSession open(SttOptions options, SttListener listener);
}
