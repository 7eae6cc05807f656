package io.vaani.agent.voice.vad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.vaani.agent.audio.AudioFrame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real model on real speech (espeak-ng) pushed in 20 ms frames. Where a voice begins and ends
 * is measured on the signal itself (the first and last 10 ms above -40 dBFS); the detector must
 * find the speech start within 3 windows (96 ms) of it, and the speech end within 100 ms before
 * to 250 ms after (the probability decays over a few windows after the last syllable).
 */
class VadSpeechDetectorTest {
    private static final String FIRST = "Hello, this is Maria.";
    private static final String SECOND = "I got your message about the appointment on Tuesday.";
    private static final int RATE = VadAudio.SPEECH_RATE;

    private static SileroModel model;

    @BeforeAll
    static void loadModel() {
        model = SileroModel.load();
    }

    @AfterAll
    static void closeModel() {
        model.close();
    }

    @ParameterizedTest
    @ValueSource(ints = { 8000, 16000, 22050, 48000 })
    void findsOneUtteranceInSilenceAtAnyRate(int rate) {
        AudioFrame sentence = VadAudio.speech(SECOND);
        AudioFrame call = VadAudio.resample(VadAudio.join(VadAudio.silence(RATE, 1000), sentence, VadAudio.silence(RATE, 1500)), rate);

        RecordedVadEvents events = detect(call);

        assertOneUtterance(events, 1.0 + VadAudio.voicedSpan(sentence)[0], 1.0 + VadAudio.voicedSpan(sentence)[1], rate);
    }

    @Test
    void findsOneUtteranceInNoise() {
        AudioFrame sentence = VadAudio.speech(SECOND);
        AudioFrame clean = VadAudio.join(VadAudio.silence(RATE, 1000), sentence, VadAudio.silence(RATE, 1500));
        // white noise 20 dB under the speech's level: a noisy line
        AudioFrame call = VadAudio.mix(clean, VadAudio.noise(RATE, 10_000, -40, 7));

        RecordedVadEvents events = detect(call);

        assertOneUtterance(events, 1.0 + VadAudio.voicedSpan(sentence)[0], 1.0 + VadAudio.voicedSpan(sentence)[1], RATE);
    }

    @Test
    void twoSentencesASecondApartAreTwoUtterances() {
        AudioFrame first = VadAudio.speech(FIRST);
        AudioFrame second = VadAudio.speech(SECOND);
        AudioFrame call = VadAudio.join(VadAudio.silence(RATE, 500), first, VadAudio.silence(RATE, 1000), second, VadAudio.silence(RATE, 1000));

        RecordedVadEvents events = detect(call);

        assertThat(events.transitions()).containsExactly("start", "end", "start", "end");
        double secondOffset = 0.5 + first.durationMillis() / 1000 + 1.0;
        assertThat(seconds(events.starts().get(1).speechStart())).isCloseTo(secondOffset + VadAudio.voicedSpan(second)[0], within(0.096));
        assertThat(seconds(events.ends().get(0).speechStart()) + seconds(events.ends().get(0).speechDuration()))
                .isBetween(0.5 + VadAudio.voicedSpan(first)[1] - 0.1, 0.5 + VadAudio.voicedSpan(first)[1] + 0.25);
    }

    @Test
    void aPauseUnderTheMinimumSilenceIsOneUtterance() {
        AudioFrame first = VadAudio.speech(FIRST);
        AudioFrame second = VadAudio.speech(SECOND);
        AudioFrame call = VadAudio.join(VadAudio.silence(RATE, 500), first, VadAudio.silence(RATE, 200), second, VadAudio.silence(RATE, 1000));

        RecordedVadEvents events = detect(call);

        double secondOffset = 0.5 + first.durationMillis() / 1000 + 0.2;
        assertOneUtterance(events, 0.5 + VadAudio.voicedSpan(first)[0], secondOffset + VadAudio.voicedSpan(second)[1], RATE);
    }

    /** What the model does with steady sounds: tones and white noise, even loud, stay under 0.1, far from the threshold. */
    @ParameterizedTest
    @ValueSource(strings = { "tone 300", "tone 1000", "tone 3000", "noise -30", "noise -20", "noise -10" })
    void steadyTonesAndNoiseAreNotSpeech(String sound) {
        String[] kind = sound.split(" ");
        AudioFrame audio = kind[0].equals("tone")
                ? VadAudio.tone(16000, 3000, Double.parseDouble(kind[1]), -10)
                : VadAudio.noise(16000, 3000, Double.parseDouble(kind[1]), 3);

        RecordedVadEvents events = detect(audio);

        assertThat(events.transitions()).isEmpty();
        assertThat(events.inferences()).hasSize(93);
        assertThat(events.inferences()).allSatisfy(inference -> assertThat(inference.probability()).isLessThan(0.1f));
    }

    @Test
    void callsShareTheModelButNotTheirState() throws Exception {
        AudioFrame call = VadAudio.join(VadAudio.silence(RATE, 500), VadAudio.speech(FIRST), VadAudio.silence(RATE, 800));
        List<Float> alone = probabilities(detect(call));

        // two calls interleaved frame by frame on one thread
        RecordedVadEvents speech = new RecordedVadEvents();
        RecordedVadEvents noise = new RecordedVadEvents();
        List<AudioFrame> speechFrames = VadAudio.frames(call);
        List<AudioFrame> noiseFrames = VadAudio.frames(VadAudio.noise(16000, 5000, -20, 5));
        try (SpeechDetector a = new SpeechDetector(model, VadOptions.defaults(), speech);
                SpeechDetector b = new SpeechDetector(model, VadOptions.defaults(), noise)) {
            for (int i = 0; i < speechFrames.size(); i++) {
                a.push(speechFrames.get(i));
                b.push(noiseFrames.get(i));
            }
        }
        assertThat(probabilities(speech)).isEqualTo(alone);
        assertThat(noise.transitions()).isEmpty();

        // four calls on four threads at once
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Float>>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                results.add(threads.submit(() -> probabilities(detect(call))));
            }
            for (Future<List<Float>> result : results) {
                assertThat(result.get()).isEqualTo(alone);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aFrameAtAnotherRateIsRefused() {
        try (SpeechDetector detector = new SpeechDetector(model, VadOptions.defaults(), new RecordedVadEvents())) {
            detector.push(VadAudio.silence(16000, 20));

            assertThatThrownBy(() -> detector.push(VadAudio.silence(8000, 20))).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aStreamTakesWholeWindowsOnly() {
        try (SileroStream stream = model.newStream()) {
            assertThat(stream.probability(new float[SileroModel.WINDOW_SAMPLES])).isBetween(0f, 0.1f);
            assertThatThrownBy(() -> stream.probability(new float[480])).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aStreamCarriesItsStateFromWindowToWindow() {
        float[] speech = new float[SileroModel.WINDOW_SAMPLES * 40];
        AudioFrame sentence = VadAudio.resample(VadAudio.speech(SECOND), SileroModel.SAMPLE_RATE);
        for (int i = 0; i < speech.length; i++) {
            speech[i] = sentence.samples()[i] / 32767f;
        }
        float[] window = Arrays.copyOfRange(speech, 20 * SileroModel.WINDOW_SAMPLES, 21 * SileroModel.WINDOW_SAMPLES);
        try (SileroStream heardSpeech = model.newStream(); SileroStream heardSilence = model.newStream()) {
            for (int w = 0; w < 40; w++) {
                float[] before = Arrays.copyOfRange(speech, w * SileroModel.WINDOW_SAMPLES, (w + 1) * SileroModel.WINDOW_SAMPLES);
                // zeros where the next window's context comes from: the two streams differ only in their state
                Arrays.fill(before, SileroModel.WINDOW_SAMPLES - 64, SileroModel.WINDOW_SAMPLES, 0f);
                heardSpeech.probability(before);
                heardSilence.probability(new float[SileroModel.WINDOW_SAMPLES]);
            }

            assertThat(Math.abs(heardSpeech.probability(window) - heardSilence.probability(window))).isGreaterThan(0.05f);
        }
    }

    private void assertOneUtterance(RecordedVadEvents events, double voiceStart, double voiceEnd, int rate) {
        assertThat(events.transitions()).containsExactly("start", "end");
        VadEvent.StartOfSpeech start = events.starts().getFirst();
        VadEvent.EndOfSpeech end = events.ends().getFirst();
        double speechStart = seconds(start.speechStart());
        double speechEnd = seconds(end.speechStart()) + seconds(end.speechDuration());

        assertThat(speechStart).isCloseTo(voiceStart, within(0.096));
        assertThat(end.speechStart()).isEqualTo(start.speechStart());
        assertThat(speechEnd).isBetween(voiceEnd - 0.1, voiceEnd + 0.25);
        // reported once the minimum silence (550 ms, so 18 windows) has passed
        assertThat(seconds(end.timestamp()) - speechEnd).isCloseTo(0.576, within(0.001));
        // the audio: half a second of padding before the speech, up to the end of the silence, at the pushed rate
        assertThat(end.audio().sampleRate()).isEqualTo(rate);
        assertThat(seconds(end.audioStart())).isCloseTo(speechStart - 0.5, within(0.001));
        assertThat(end.audio().durationMillis() / 1000).isCloseTo(seconds(end.timestamp()) - seconds(end.audioStart()), within(0.002));
    }

    private static RecordedVadEvents detect(AudioFrame audio) {
        RecordedVadEvents events = new RecordedVadEvents();
        try (SpeechDetector detector = new SpeechDetector(model, VadOptions.defaults(), events)) {
            VadAudio.frames(audio).forEach(detector::push);
        }
        return events;
    }

    private static List<Float> probabilities(RecordedVadEvents events) {
        return events.inferences().stream().map(VadEvent.Inference::probability).toList();
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
