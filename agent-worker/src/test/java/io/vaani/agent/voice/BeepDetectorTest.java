package io.vaani.agent.voice;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaani.agent.audio.AudioFrame;
import io.vaani.agent.audio.Resampler;
import io.vaani.agent.livekit.SpeechWav;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class BeepDetectorTest {

    @ParameterizedTest
    @ValueSource(ints = { 440, 1000, 1025, 1400, 1975 })
    void hearsABeepOnceWhenItHasLasted200Ms(int hz) {
        BeepDetector detector = new BeepDetector();
        int beeps = 0;
        int firstAt = -1;
        AudioFrame tone = tone(hz, 0.5);
        for (int i = 0; i < 50; i++) {
            if (detector.push(slice(tone, i))) {
                beeps++;
                firstAt = firstAt < 0 ? i : firstAt;
            }
        }
        assertThat(beeps).isEqualTo(1);
        assertThat(firstAt).isBetween(19, 21);
    }

    @Test
    void speechSilenceAndShortTonesAreNoBeep() {
        BeepDetector detector = new BeepDetector();
        AudioFrame speech = new Resampler(SpeechWav.caller().sampleRate(), 16_000).process(SpeechWav.caller());
        for (int i = 0; i < speech.samples().length / 160; i++) {
            assertThat(detector.push(slice(speech, i))).as("speech frame %d", i).isFalse();
        }
        AudioFrame silence = new AudioFrame(new short[160], 16_000);
        assertThat(detector.push(silence)).isFalse();
        AudioFrame blip = tone(1000, 0.15);
        for (int i = 0; i < 15; i++) {
            assertThat(detector.push(slice(blip, i))).isFalse();
        }
        assertThat(detector.push(silence)).isFalse();
    }

    private static AudioFrame slice(AudioFrame audio, int index) {
        return new AudioFrame(Arrays.copyOfRange(audio.samples(), index * 160, (index + 1) * 160), 16_000);
    }

    private static AudioFrame tone(double hz, double seconds) {
        short[] samples = new short[(int) (16_000 * seconds)];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) Math.round(6000 * Math.sin(2 * Math.PI * hz * i / 16_000));
        }
        return new AudioFrame(samples, 16_000);
    }
}
