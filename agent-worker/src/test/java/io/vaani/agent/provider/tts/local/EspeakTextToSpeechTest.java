package io.vaani.agent.provider.tts.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.vaani.agent.provider.ProviderException;
import io.vaani.agent.provider.tts.EspeakAudio;
import io.vaani.agent.provider.tts.RecordingListener;
import io.vaani.agent.provider.tts.TtsOptions;
import io.vaani.agent.provider.tts.TtsSession;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

class EspeakTextToSpeechTest {
    private static final int RATE = 16_000;

    private final EspeakTextToSpeech tts = new EspeakTextToSpeech();
    private final RecordingListener listener = new RecordingListener();

    @Test
    void speaksTheSentencesOfAnAnswerInOrderAtTheSessionRate() {
        try (TtsSession session = tts.open(options(Optional.empty(), "en-US"), listener)) {
            session.push("Hello there.");
            session.push("How are you today?");
            session.flush();

            await().atMost(Duration.ofSeconds(10)).until(() -> listener.doneCount() == 1);
        }
        short[] first = EspeakAudio.speak("Hello there.", RATE);
        short[] second = EspeakAudio.speak("How are you today?", RATE);
        assertThat(listener.frames()).allSatisfy(frame -> assertThat(frame.sampleRate()).isEqualTo(RATE));
        short[] heard = listener.samples();
        assertThat(heard.length).isBetween(first.length + second.length - 2, first.length + second.length + 2);
        // the first sentence comes first: its opening matches espeak's own rendering of it
        assertThat(EspeakAudio.rms(Arrays.copyOf(heard, first.length))).isCloseTo(EspeakAudio.rms(first),
                Percentage.withPercentage(2));
        assertThat(listener.errors()).isEmpty();
    }

    @Test
    void cancelStopsTheAnswerKillsEspeakAndLeavesTheSessionUsable() {
        int afterCancel;
        try (TtsSession session = tts.open(options(Optional.empty(), "en"), listener)) {
            session.push("This is a rather long sentence that keeps the speech engine busy for several seconds of audio.");
            session.push("And here is another one that should never be heard at all.");
            await().atMost(Duration.ofSeconds(10)).until(() -> listener.audioEventCount() > 0);

            session.cancel();
            afterCancel = listener.events().size();
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> listener.events().size() == afterCancel);
            await().atMost(Duration.ofSeconds(5)).until(() -> ProcessHandle.current().descendants()
                    .noneMatch(process -> process.isAlive() && process.info().command().orElse("").endsWith("espeak-ng")));
            assertThat(listener.doneCount()).isZero();
            assertThat(listener.errors()).isEmpty();

            session.push("Again.");
            session.flush();
            await().atMost(Duration.ofSeconds(10)).until(() -> listener.doneCount() == 1);
        }
        int again = EspeakAudio.speak("Again.", "en", RATE).length;
        assertThat(listener.samplesFrom(afterCancel).length).isBetween(again - 1, again + 1);
    }

    @Test
    void anUnknownVoiceIsRefusedAtOnceInsteadOfSpeakingAnother() {
        assertThatThrownBy(() -> tts.open(options(Optional.of("no-such-voice"), "en"), listener))
                .isInstanceOfSatisfying(ProviderException.class, error -> {
                    assertThat(error.provider()).isEqualTo("local");
                    assertThat(error.retryable()).isFalse();
                    assertThat(error).hasMessageContaining("no-such-voice");
                });
        try (TtsSession session = tts.open(options(Optional.of("en-us+f3"), "en"), listener)) {
            session.push("A variant of a known voice.");
            session.flush();
            await().atMost(Duration.ofSeconds(10)).until(() -> listener.doneCount() == 1);
        }
    }

    @Test
    void languageTagsMapToEspeakVoices() {
        assertThat(tts.voiceFor("en-US")).isEqualTo("en-us");
        assertThat(tts.voiceFor("hi-IN")).isEqualTo("hi");
        assertThat(tts.voiceFor("ta")).isEqualTo("ta");
        assertThat(tts.voiceFor("xx-YY")).isEqualTo("en");
    }

    private static TtsOptions options(Optional<String> voice, String language) {
        return new TtsOptions(Optional.empty(), voice, language, RATE);
    }
}
