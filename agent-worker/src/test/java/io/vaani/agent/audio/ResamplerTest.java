package io.vaani.agent.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResamplerTest {

    @ParameterizedTest
    @CsvSource({"48000,16000", "16000,48000", "22050,48000", "24000,16000", "44100,48000", "48000,8000", "8000,16000"})
    void keepsTheDurationAndPitchOfATone(int from, int to) {
        AudioFrame tone = tone(440, from, 1.0, 10_000);
        Resampler resampler = new Resampler(from, to);

        short[] out = feedInChunks(resampler, tone, from / 100);

        assertThat(out.length).isCloseTo(to, within(to / 500 + 2)); // the filter's half length stays behind
        AudioFrame converted = new AudioFrame(out, to);
        assertThat(zeroCrossingHz(converted, to / 10, out.length - to / 10)).isCloseTo(440, within(2.0));
        assertThat(rms(out, to / 10, out.length - to / 5)).isCloseTo(10_000 / Math.sqrt(2), within(300.0));
    }

    @Test
    void removesWhatTheLowerRateCannotCarry() {
        // 7 kHz cannot exist at 8 kHz sampling; without the low-pass it would alias to 1 kHz at full level.
        short[] out = feedInChunks(new Resampler(48_000, 8_000), tone(7_000, 48_000, 1.0, 10_000), 480);

        assertThat(rms(out, 800, out.length - 1600)).isLessThan(150);
    }

    @Test
    void chunkSizeDoesNotChangeTheResult() {
        AudioFrame speechLike = tone(300, 22_050, 0.5, 8_000);
        short[] whole = new Resampler(22_050, 48_000).process(speechLike).samples();
        short[] chunked = feedInChunks(new Resampler(22_050, 48_000), speechLike, 137);

        assertThat(chunked).isEqualTo(whole);
    }

    @Test
    void sameRatePassesThrough() {
        AudioFrame frame = tone(440, 16_000, 0.01, 1000);

        assertThat(new Resampler(16_000, 16_000).process(frame).samples()).isEqualTo(frame.samples());
    }

    static AudioFrame tone(double hz, int rate, double seconds, double amplitude) {
        short[] samples = new short[(int) (rate * seconds)];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return new AudioFrame(samples, rate);
    }

    private static short[] feedInChunks(Resampler resampler, AudioFrame input, int chunk) {
        short[] out = new short[resampler.maxOutput(input.samples().length) + 64];
        int written = 0;
        for (int at = 0; at < input.samples().length; at += chunk) {
            int length = Math.min(chunk, input.samples().length - at);
            written += resampler.process(input.samples(), at, length, out, written);
        }
        return java.util.Arrays.copyOf(out, written);
    }

    private static double zeroCrossingHz(AudioFrame audio, int from, int to) {
        int crossings = 0;
        for (int i = from + 1; i < to; i++) {
            if ((audio.samples()[i - 1] < 0) != (audio.samples()[i] < 0)) {
                crossings++;
            }
        }
        return crossings / 2.0 / ((to - from) / (double) audio.sampleRate());
    }

    private static double rms(short[] samples, int from, int length) {
        double sum = 0;
        for (int i = from; i < from + length; i++) {
            sum += (double) samples[i] * samples[i];
        }
        return Math.sqrt(sum / length);
    }
}
