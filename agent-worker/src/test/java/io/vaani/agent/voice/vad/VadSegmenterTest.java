package io.vaani.agent.voice.vad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The speech state machine on scripted probabilities: every window's samples hold its own index, so the audio handed over shows which windows it spans. */
class VadSegmenterTest {
    private static final int RATE = 16_000;
    private static final int WINDOW = 512;
    private static final float SPEECH = 0.9f;
    private static final float QUIET = 0.1f;

    private final RecordedVadEvents events = new RecordedVadEvents();
    private int windows;

    @Test
    void defaultsAreLiveKits() {
        VadOptions defaults = VadOptions.defaults();

        assertThat(defaults.activationThreshold()).isEqualTo(0.5);
        assertThat(defaults.deactivationThreshold()).isEqualTo(0.5);
        assertThat(defaults.minSpeech()).isEqualTo(Duration.ofMillis(50));
        assertThat(defaults.minSilence()).isEqualTo(Duration.ofMillis(550));
        assertThat(defaults.prefixPadding()).isEqualTo(Duration.ofMillis(500));
        assertThat(defaults.maxBufferedSpeech()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void optionsRefuseThresholdsOutOfOrder() {
        assertThatThrownBy(() -> VadOptions.defaults().withThresholds(0.5, 0.6)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VadOptions.defaults().withThresholds(1.0, 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VadOptions.defaults().withMinSilence(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void speechStartsOnceItLastsTheMinimumSpeechDuration() {
        SpeechSegmenter segmenter = segmenter(VadOptions.defaults());

        feed(segmenter, 5, QUIET);
        feed(segmenter, 1, SPEECH); // 32 ms < 50 ms
        feed(segmenter, 1, QUIET);
        assertThat(events.starts()).isEmpty();

        feed(segmenter, 2, SPEECH); // 64 ms
        assertThat(events.starts()).containsExactly(new VadEvent.StartOfSpeech(millis(9 * 32), millis(7 * 32)));
        assertThat(segmenter.speaking()).isTrue();
    }

    @Test
    void theActivationThresholdIsInclusive() {
        SpeechSegmenter segmenter = segmenter(VadOptions.defaults());

        feed(segmenter, 10, 0.49f);
        assertThat(events.starts()).isEmpty();
        feed(segmenter, 2, 0.5f);
        assertThat(events.starts()).hasSize(1);
    }

    @Test
    void speechEndsOnceSilenceLastsTheMinimumSilenceDuration() {
        SpeechSegmenter segmenter = segmenter(VadOptions.defaults());

        feed(segmenter, 10, SPEECH);
        feed(segmenter, 17, QUIET); // 544 ms < 550 ms
        assertThat(events.ends()).isEmpty();
        assertThat(segmenter.speaking()).isTrue();

        feed(segmenter, 1, QUIET); // 576 ms
        assertThat(events.transitions()).containsExactly("start", "end");
        VadEvent.EndOfSpeech end = events.ends().getFirst();
        assertThat(end.timestamp()).isEqualTo(millis(28 * 32));
        assertThat(end.speechStart()).isEqualTo(Duration.ZERO);
        assertThat(end.speechDuration()).isEqualTo(millis(10 * 32));
        assertThat(segmenter.speaking()).isFalse();
    }

    @Test
    void aPauseShorterThanTheMinimumSilenceKeepsOneUtterance() {
        SpeechSegmenter segmenter = segmenter(VadOptions.defaults());

        feed(segmenter, 10, SPEECH);
        feed(segmenter, 17, QUIET);
        feed(segmenter, 1, SPEECH); // the silence count starts over
        feed(segmenter, 17, QUIET);
        assertThat(events.ends()).isEmpty();

        feed(segmenter, 1, QUIET);
        assertThat(events.transitions()).containsExactly("start", "end");
        assertThat(events.ends().getFirst().speechDuration()).isEqualTo(millis(28 * 32));
    }

    @Test
    void aLowerDeactivationThresholdHoldsSpeechThroughWeakWindows() {
        SpeechSegmenter hysteresis = segmenter(VadOptions.defaults().withThresholds(0.5, 0.35));
        feed(hysteresis, 20, 0.4f); // below activation: nothing starts
        assertThat(events.starts()).isEmpty();

        feed(hysteresis, 5, SPEECH);
        feed(hysteresis, 30, 0.4f); // above deactivation: still speech
        assertThat(events.transitions()).containsExactly("start");
        feed(hysteresis, 18, 0.3f);
        assertThat(events.transitions()).containsExactly("start", "end");
        assertThat(events.ends().getFirst().speechDuration()).isEqualTo(millis(35 * 32));
    }

    @Test
    void withLiveKitsSingleThresholdTheSameWindowsEndTheSpeech() {
        SpeechSegmenter segmenter = segmenter(VadOptions.defaults());

        feed(segmenter, 5, SPEECH);
        feed(segmenter, 18, 0.4f);
        assertThat(events.transitions()).containsExactly("start", "end");
        assertThat(events.ends().getFirst().speechDuration()).isEqualTo(millis(5 * 32));
    }

    @Test
    void theUtteranceAudioHoldsThePrefixPaddingTheSpeechAndTheTrailingSilence() {
        SpeechSegmenter segmenter = segmenter(VadOptions.defaults());

        feed(segmenter, 40, QUIET);
        feed(segmenter, 10, SPEECH);
        feed(segmenter, 18, QUIET);

        VadEvent.EndOfSpeech end = events.ends().getFirst();
        int speechStart = 40 * WINDOW;
        int padding = RATE / 2;
        short[] audio = end.audio().samples();
        assertThat(end.audio().sampleRate()).isEqualTo(RATE);
        assertThat(end.audioStart()).isEqualTo(Duration.ofNanos((speechStart - padding) * 1_000_000_000L / RATE));
        assertThat(audio).hasSize(padding + 28 * WINDOW);
        assertThat(audio[0]).isEqualTo((short) ((speechStart - padding) / WINDOW));
        assertThat(audio[padding]).isEqualTo((short) 40);
        assertThat(audio[audio.length - 1]).isEqualTo((short) 67);
    }

    @Test
    void thePaddingIsShorterWhenSpeechBeginsTheStream() {
        SpeechSegmenter segmenter = segmenter(VadOptions.defaults());

        feed(segmenter, 3, QUIET);
        feed(segmenter, 10, SPEECH);
        feed(segmenter, 18, QUIET);

        VadEvent.EndOfSpeech end = events.ends().getFirst();
        assertThat(end.audioStart()).isEqualTo(Duration.ZERO);
        assertThat(end.audio().samples()).hasSize(31 * WINDOW);
    }

    @Test
    void theNextUtteranceGetsPaddingFromAfterTheLastOne() {
        SpeechSegmenter segmenter = segmenter(VadOptions.defaults());

        feed(segmenter, 10, SPEECH);
        feed(segmenter, 18, QUIET);
        feed(segmenter, 5, QUIET);
        feed(segmenter, 10, SPEECH);
        feed(segmenter, 18, QUIET);

        assertThat(events.transitions()).containsExactly("start", "end", "start", "end");
        VadEvent.EndOfSpeech second = events.ends().get(1);
        assertThat(second.speechStart()).isEqualTo(millis(33 * 32));
        assertThat(second.audioStart()).isEqualTo(millis(33 * 32 - 500));
        assertThat(second.audio().samples()[0]).isEqualTo((short) ((33 * WINDOW - RATE / 2) / WINDOW));
    }

    @Test
    void bufferedSpeechIsCappedAndTheNextUtteranceStillLinesUp() {
        SpeechSegmenter segmenter = segmenter(VadOptions.defaults().withMaxBufferedSpeech(Duration.ofSeconds(1)));

        feed(segmenter, 20, QUIET);
        feed(segmenter, 100, SPEECH); // 3.2 s
        feed(segmenter, 18, QUIET);
        VadEvent.EndOfSpeech first = events.ends().getFirst();
        assertThat(first.audio().samples()).hasSize(RATE + RATE / 2);
        assertThat(first.speechDuration()).isEqualTo(millis(3200));

        feed(segmenter, 20, QUIET);
        feed(segmenter, 5, SPEECH);
        feed(segmenter, 18, QUIET);
        VadEvent.EndOfSpeech second = events.ends().get(1);
        int secondStart = 158 * WINDOW;
        assertThat(second.audioStart()).isEqualTo(Duration.ofNanos((secondStart - RATE / 2) * 1_000_000_000L / RATE));
        assertThat(second.audio().samples()[RATE / 2]).isEqualTo((short) 158);
        assertThat(second.audio().samples()).hasSize(RATE / 2 + 23 * WINDOW);
    }

    @Test
    void everyWindowReportsItsProbabilityAndTheStateAfterIt() {
        SpeechSegmenter segmenter = segmenter(VadOptions.defaults());

        feed(segmenter, 2, QUIET);
        feed(segmenter, 2, SPEECH);
        feed(segmenter, 18, QUIET);

        assertThat(events.inferences()).hasSize(22);
        assertThat(events.inferences().stream().map(VadEvent.Inference::speaking))
                .containsExactly(false, false, false, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true,
                        true, true, true, false);
        assertThat(events.inferences().get(2)).isEqualTo(new VadEvent.Inference(millis(96), SPEECH, false));
        // the transition comes before the window's inference
        assertThat(events.all().get(3)).isInstanceOf(VadEvent.StartOfSpeech.class);
        assertThat(events.all().get(4)).isEqualTo(new VadEvent.Inference(millis(128), SPEECH, true));
    }

    @Test
    void theAudioStaysAtTheRateItWasPushedAt() {
        SpeechSegmenter segmenter = new SpeechSegmenter(VadOptions.defaults(), 8000, SileroModel.WINDOW, events);
        short[] samples = new short[256];
        for (float p : new float[] { QUIET, SPEECH, SPEECH, QUIET }) {
            segmenter.window(p, samples, 0, samples.length);
        }
        for (int i = 0; i < 17; i++) {
            segmenter.window(QUIET, samples, 0, samples.length);
        }

        VadEvent.EndOfSpeech end = events.ends().getFirst();
        assertThat(end.audio().sampleRate()).isEqualTo(8000);
        assertThat(end.audio().samples()).hasSize(21 * 256);
        assertThat(end.speechStart()).isEqualTo(millis(32));
    }

    private SpeechSegmenter segmenter(VadOptions options) {
        return new SpeechSegmenter(options, RATE, SileroModel.WINDOW, events);
    }

    private void feed(SpeechSegmenter segmenter, int count, float probability) {
        for (int i = 0; i < count; i++) {
            short[] samples = new short[WINDOW];
            Arrays.fill(samples, (short) windows++);
            segmenter.window(probability, samples, 0, WINDOW);
        }
    }

    private static Duration millis(long millis) {
        return Duration.ofMillis(millis);
    }
}
