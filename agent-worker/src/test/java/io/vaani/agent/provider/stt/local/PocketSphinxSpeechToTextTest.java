package io.vaani.agent.provider.stt.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.vaani.agent.audio.AudioFrame;
import io.vaani.agent.audio.Resampler;
import io.vaani.agent.livekit.SpeechWav;
import io.vaani.agent.provider.ProviderException;
import io.vaani.agent.provider.stt.RecordingListener;
import io.vaani.agent.provider.stt.SttOptions;
import io.vaani.agent.provider.stt.SttSession;
import io.vaani.agent.provider.stt.Transcript;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Runs the real recognizer (Debian's pocketsphinx, installed by deploy/local/test.sh) on espeak-ng speech. */
class PocketSphinxSpeechToTextTest {
    private static final int RATE = 16_000;
    private static final SttOptions OPTIONS = new SttOptions("default", "en-US", RATE);

    private final RecordingListener listener = new RecordingListener();
    private SttSession session;

    @AfterEach
    void close() {
        if (session != null) {
            session.close();
        }
    }

    @Test
    void anUtteranceOfSpeechBecomesAFinalTranscriptOffline() {
        session = new PocketSphinxSpeechToText().open(OPTIONS, listener);
        short[] speech = new Resampler(SpeechWav.caller().sampleRate(), RATE).process(SpeechWav.caller()).samples();
        session.startOfSpeech();
        pushIn20MillisecondFrames(speech);
        session.endOfSpeech();

        await().atMost(Duration.ofSeconds(20)).until(() -> !listener.finals().isEmpty() || !listener.errors.isEmpty());
        assertThat(listener.errors).isEmpty();
        Transcript heard = listener.finals().getFirst();
        // PocketSphinx mishears espeak's voice a lot; what counts here is that words come out of the audio.
        assertThat(heard.text().split("\\s+")).as("words heard in %s", heard.text()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(heard.end().minus(heard.start()).toMillis()).isCloseTo(speech.length * 1000L / RATE, org.assertj.core.data.Offset.offset(400L));
    }

    @Test
    void aLanguageOtherThanEnglishIsRefusedAtOnce() {
        assertThatThrownBy(() -> new PocketSphinxSpeechToText().open(new SttOptions("default", "hi-IN", RATE), listener))
                .isInstanceOf(ProviderException.class).hasMessageContaining("US English only")
                .satisfies(e -> assertThat(((ProviderException) e).retryable()).isFalse());
    }

    @Test
    void aMissingRecognizerEndsTheSessionWithAnErrorThatSaysWhatToInstall() {
        session = new PocketSphinxSpeechToText("/nonexistent/pocketsphinx_continuous").open(OPTIONS, listener);
        session.startOfSpeech();
        pushIn20MillisecondFrames(new short[RATE / 2]);
        session.endOfSpeech();

        await().atMost(Duration.ofSeconds(10)).until(() -> !listener.errors.isEmpty());
        assertThat(listener.errors.getFirst().retryable()).isFalse();
        assertThat(listener.errors.getFirst()).hasMessageContaining("pocketsphinx-en-us");
    }

    private void pushIn20MillisecondFrames(short[] samples) {
        for (int from = 0; from < samples.length; from += RATE / 50) {
            session.push(new AudioFrame(Arrays.copyOfRange(samples, from, Math.min(samples.length, from + RATE / 50)), RATE));
        }
    }
}
