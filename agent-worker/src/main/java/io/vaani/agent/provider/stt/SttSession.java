package io.vaani.agent.provider.stt;

import io.vaani.agent.audio.AudioFrame;

/** One call's recognition. Streaming providers transcribe as audio comes; per-utterance ones at {@link #endOfSpeech()}. */
public interface SttSession extends AutoCloseable {

    /** The caller's audio, mono PCM at the session's sample rate. */
    void push(AudioFrame frame);

    /**
     * Voice activity detection saw the caller start speaking. Per-utterance providers drop the
     * silence pushed before it (keeping a short lead-in) so they upload only the utterance;
     * streaming providers need nothing.
     */
    default void startOfSpeech() {
    }

    /** Voice activity detection saw the caller stop: finalize what was heard (a final transcript follows, perhaps empty). */
    void endOfSpeech();

    /** Ends the session politely (e.g. Deepgram's CloseStream) and releases its connection. */
    @Override
    void close();
}
