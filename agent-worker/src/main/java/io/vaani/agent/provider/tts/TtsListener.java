package io.vaani.agent.provider.tts;

import io.vaani.agent.audio.AudioFrame;
import io.vaani.agent.provider.ProviderException;

public interface TtsListener {

    /** Speech of the current answer, mono PCM at the session's rate. */
    void onAudio(AudioFrame frame);

    /** All audio of the flushed answer has been delivered. */
    void onDone();

    void onError(ProviderException error);
}
