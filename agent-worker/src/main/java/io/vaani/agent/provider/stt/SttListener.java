package io.vaani.agent.provider.stt;

import io.vaani.agent.provider.ProviderException;
import java.time.Duration;

public interface SttListener {

    void onTranscript(Transcript transcript);

    /** The session cannot go on (after the provider's own retries, if any). */
    void onError(ProviderException error);

    /** The provider's own voice detection heard speech begin, at this offset into the session's audio (streaming providers that report it). */
    default void onSpeechStarted(Duration at) {
    }

    /** The provider judged the utterance over (Deepgram's UtteranceEnd, Sarvam's END_SPEECH), its last word ending at this offset. */
    default void onUtteranceEnd(Duration lastWordEnd) {
    }
}
