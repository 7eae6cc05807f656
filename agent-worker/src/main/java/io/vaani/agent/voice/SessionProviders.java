package io.vaani.agent.voice;

import io.vaani.agent.provider.stt.SttListener;
import io.vaani.agent.provider.stt.SttSession;
import io.vaani.agent.provider.tts.TtsListener;
import io.vaani.agent.provider.tts.TtsSession;
import io.vaani.agent.voice.vad.SpeechDetector;
import io.vaani.agent.voice.vad.VadListener;

/** Opens one call's speech sessions, each reporting to the conversation's listener. */
interface SessionProviders {
    TtsSession tts(TtsListener listener);

    SttSession stt(SttListener listener);

    SpeechDetector vad(VadListener listener);
}
