package io.vaani.agent.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ResamplerTest {

    private static final double AMPLITUDE = 12_000;

    @ParameterizedTest(name = "{0} Hz -> {1} Hz")
    @CsvSource({"8000,48000", "48000,8000", "22050,16000", "16000,22050", "44100,24000", "24000,16000", "22050,48000", "16000,8000"})
    void keepsAToneAndItsTimingAcrossChunks(int inputRate, int outputRate) {
        double frequency = 1_000;
        short[] input = sine(frequency, inputRate, inputRate); // one second

        short[] output = resampleInRandomChunks(input, inputRate, outputRate, 7);

        assertThat(output).hasSize((int) Math.ceil((double) input.length * outputRate / inputRate));
        // No delay is added: away from the edges the output is the same tone sampled at the new rate.
        short[] expected = sine(frequency, outputRate, output.length);
        int margin = outputRate / 20;
        double worst = 0;
        for (int i = margin; i < output.length - margin; i++) {
            worst = Math.max(worst, Math.abs(output[i] - expected[i]));
        }
        assertThat(worst).isLessThan(AMPLITUDE * 0.01);
        assertThat(rms(output, margin, output.length - margin)).isCloseTo(AMPLITUDE / Math.sqrt(2), within(AMPLITUDE * 0.005));
    }

    @Test
    void chunkBoundariesLeaveNoTrace() {
        short[] input = sine(440, 22_050, 22_050);
        Resampler whole = new Resampler(22_050, 16_000);
        short[] once = concat(whole.process(input, 0, input.length), whole.drain());

        for (int seed = 1; seed <= 5; seed++) {
            assertThat(resampleInRandomChunks(input, 22_050, 16_000, seed)).as("seed %d", seed).isEqualTo(once);
        }
        // and the steps between neighbours stay those of a smooth 440 Hz tone: no clicks
        double largestStep = 2 * Math.PI * 440 / 16_000 * AMPLITUDE;
        for (int i = 1; i < once.length; i++) {
            assertThat((double) Math.abs(once[i] - once[i - 1])).isLessThan(largestStep * 1.05);
        }
    }

    @Test
    void downsamplingRemovesWhatTheLowerRateCannotCarry() {
        short[] sixKilohertz = sine(6_000, 48_000, 48_000);

        short[] output = resampleInRandomChunks(sixKilohertz, 48_000, 8_000, 3);

        // 6 kHz would fold to 2 kHz at 8 kHz; it must be gone (below -50 dB)
        assertThat(rms(output, 400, output.length - 400)).isLessThan(AMPLITUDE * 0.003);
    }

    @Test
    void silenceStaysSilentAndResetStartsAFreshStream() {
        Resampler resampler = new Resampler(16_000, 48_000);
        short[] loud = sine(500, 16_000, 1_000);
        resampler.process(loud, 0, loud.length);
        resampler.reset();

        short[] out = resampler.process(new short[1_600], 0, 1_600);
        short[] tail = resampler.drain();

        assertThat(concat(out, tail)).hasSize(4_800).containsOnly((short) 0);
    }

    @Test
    void equalRatesPassSamplesThrough() {
        Resampler resampler = new Resampler(16_000, 16_000);
        short[] input = sine(300, 16_000, 320);

        assertThat(resampler.process(new AudioFrame(input, 16_000)).samples()).isEqualTo(input);
        assertThat(resampler.drain()).isEmpty();
    }

    private static short[] resampleInRandomChunks(short[] input, int inputRate, int outputRate, long seed) {
        Resampler resampler = new Resampler(inputRate, outputRate);
        Random random = new Random(seed);
        short[] out = new short[0];
        int at = 0;
        while (at < input.length) {
            int length = Math.min(input.length - at, 1 + random.nextInt(700));
            AudioFrame frame = resampler.process(new AudioFrame(Arrays.copyOfRange(input, at, at + length), inputRate));
            assertThat(frame.sampleRate()).isEqualTo(outputRate);
            out = concat(out, frame.samples());
            at += length;
        }
        return concat(out, resampler.drain());
    }

    static short[] sine(double frequency, int rate, int length) {
        short[] samples = new short[length];
        for (int i = 0; i < length; i++) {
            samples[i] = (short) Math.round(AMPLITUDE * Math.sin(2 * Math.PI * frequency * i / rate));
        }
        return samples;
    }

    private static double rms(short[] samples, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) samples[i] * samples[i];
        }
        return Math.sqrt(sum / (to - from));
    }

    private static short[] concat(short[] a, short[] b) {
        short[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }
}
