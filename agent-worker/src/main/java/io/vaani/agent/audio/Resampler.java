package io.vaani.agent.audio;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Streaming sample-rate converter for mono 16-bit PCM: a polyphase Kaiser-windowed sinc for the
 * exact rational ratio of two integer rates. The cut-off sits below the lower of the two Nyquist
 * frequencies, so going down (48 kHz to 8 kHz) does not alias and going up does not image.
 *
 * <p>Output sample {@code n} is the input signal at time {@code n * inputRate / outputRate}: no
 * delay is added. The filter needs its half length of input beyond that time, so a stream's last
 * samples come out of {@link #drain()}; after it, a stream of {@code N} inputs has produced exactly
 * {@code ceil(N * outputRate / inputRate)} outputs, however it was split into chunks. One instance
 * per stream; not thread-safe.
 */
public final class Resampler {

    /** Zero crossings of the sinc on each side of its centre: the steepness of the transition band. */
    private static final int ZERO_CROSSINGS = 24;
    private static final double KAISER_BETA = 9.0;
    /** Fraction of the lower Nyquist frequency passed; the rest is the transition band. */
    private static final double PASSBAND = 0.9;
    private static final Map<String, float[][]> FILTERS = new ConcurrentHashMap<>();

    private final int inputRate;
    private final int outputRate;
    private final int up;
    private final int down;
    private final int halfTaps;
    /** Taps per output phase ({@code up} phases); null when the rates are equal. */
    private final float[][] phases;

    /** Input samples from absolute index {@code historyStart}; indices below 0 read as silence. */
    private float[] history;
    private int historyLength;
    private long historyStart;
    private long inputCount;
    private long outputCount;

    public Resampler(int inputRate, int outputRate) {
        if (inputRate <= 0 || outputRate <= 0) {
            throw new IllegalArgumentException("rates must be positive: " + inputRate + " -> " + outputRate);
        }
        this.inputRate = inputRate;
        this.outputRate = outputRate;
        int gcd = gcd(inputRate, outputRate);
        this.up = outputRate / gcd;
        this.down = inputRate / gcd;
        double cutoff = Math.min(1.0, (double) outputRate / inputRate) * PASSBAND;
        this.halfTaps = (int) Math.ceil(ZERO_CROSSINGS / cutoff);
        this.phases = up == down ? null
                : FILTERS.computeIfAbsent(up + "/" + down, key -> design(up, halfTaps, cutoff));
        reset();
    }

    public int inputRate() {
        return inputRate;
    }

    public int outputRate() {
        return outputRate;
    }

    /** Forgets the stream so far (a cancelled answer): the next sample starts a new stream. */
    public void reset() {
        history = new float[Math.max(4096, 4 * halfTaps)];
        historyLength = halfTaps;
        historyStart = -halfTaps;
        inputCount = 0;
        outputCount = 0;
    }

    /** Converts a frame of the stream; the result may be shorter or empty while the filter fills. */
    public AudioFrame process(AudioFrame frame) {
        if (frame.sampleRate() != inputRate) {
            throw new IllegalArgumentException("frame at " + frame.sampleRate() + " Hz fed to a " + inputRate + " Hz resampler");
        }
        return new AudioFrame(process(frame.samples(), 0, frame.samples().length), outputRate);
    }

    /** Feeds {@code length} samples and returns every output sample they complete. */
    public short[] process(short[] input, int offset, int length) {
        short[] out = new short[maxOutput(length)];
        int written = process(input, offset, length, out, 0);
        return written == out.length ? out : Arrays.copyOf(out, written);
    }

    /** The most samples {@link #process(short[], int, int, short[], int)} writes for {@code inputLength} inputs. */
    public int maxOutput(int inputLength) {
        return (int) (outputsBefore(inputCount + inputLength) - outputCount);
    }

    /** Feeds {@code length} samples, writes the output samples they complete at {@code output[outputOffset]}, returns how many. */
    public int process(short[] input, int offset, int length, short[] output, int outputOffset) {
        if (phases == null) {
            System.arraycopy(input, offset, output, outputOffset, length);
            inputCount += length;
            outputCount += length;
            return length;
        }
        ensureRoom(length);
        for (int i = 0; i < length; i++) {
            history[historyLength + i] = input[offset + i];
        }
        historyLength += length;
        inputCount += length;
        return emit(inputCount - halfTaps, output, outputOffset);
    }

    /**
     * Ends the stream: returns the samples the filter still held back (it reads silence past the
     * end) and makes the resampler ready for a new stream.
     */
    public short[] drain() {
        if (phases == null) {
            reset();
            return new short[0];
        }
        long end = outputsBefore(inputCount);
        short[] out = new short[(int) (end - outputCount)];
        ensureRoom(halfTaps);
        Arrays.fill(history, historyLength, historyLength + halfTaps, 0f);
        historyLength += halfTaps;
        int written = emit(inputCount, out, 0);
        reset();
        return written == out.length ? out : Arrays.copyOf(out, written);
    }

    /** Outputs whose time lies before input index {@code inputs}: ceil(inputs * up / down). */
    private long outputsBefore(long inputs) {
        return phases == null ? inputs : (inputs * up + down - 1) / down;
    }

    /** Writes every output sample whose centre input index is below {@code centreLimit}. */
    private int emit(long centreLimit, short[] output, int outputOffset) {
        int written = 0;
        int taps = 2 * halfTaps;
        while (true) {
            long position = outputCount * down;
            long centre = position / up;
            if (centre >= centreLimit) {
                break;
            }
            float[] coefficients = phases[(int) (position % up)];
            int first = (int) (centre - halfTaps + 1 - historyStart);
            output[outputOffset + written++] = clip(dot(history, first, coefficients, taps));
            outputCount++;
        }
        discardConsumed();
        return written;
    }

    /**
     * The filter's sum, in four independent partial sums: one running sum waits on each addition
     * before the next (Java may not reorder floating-point sums), four keep the CPU's adders busy.
     * Float is ample: the error stays orders of magnitude under a 16-bit step.
     */
    private static float dot(float[] samples, int first, float[] coefficients, int taps) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int tap = 0;
        for (; tap + 3 < taps; tap += 4) {
            s0 += samples[first + tap] * coefficients[tap];
            s1 += samples[first + tap + 1] * coefficients[tap + 1];
            s2 += samples[first + tap + 2] * coefficients[tap + 2];
            s3 += samples[first + tap + 3] * coefficients[tap + 3];
        }
        for (; tap < taps; tap++) {
            s0 += samples[first + tap] * coefficients[tap];
        }
        return (s0 + s1) + (s2 + s3);
    }

    private void ensureRoom(int more) {
        if (historyLength + more > history.length) {
            history = Arrays.copyOf(history, Math.max(2 * history.length, historyLength + more));
        }
    }

    private void discardConsumed() {
        long firstNeeded = outputCount * down / up - halfTaps + 1;
        int drop = (int) Math.min(historyLength, Math.max(0, firstNeeded - historyStart));
        if (drop > 0) {
            System.arraycopy(history, drop, history, 0, historyLength - drop);
            historyLength -= drop;
            historyStart += drop;
        }
    }

    private static short clip(float value) {
        int rounded = Math.round(value);
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, rounded));
    }

    /**
     * Row {@code p} holds the taps for an output {@code p/up} of an input sample past input
     * {@code centre}; tap {@code k} weighs input {@code centre - halfTaps + 1 + k}. Each row sums to
     * one, so silence stays silence and DC passes unchanged.
     */
    private static float[][] design(int phaseCount, int halfTaps, double cutoff) {
        float[][] rows = new float[phaseCount][2 * halfTaps];
        double windowNorm = besselI0(KAISER_BETA);
        double[] taps = new double[2 * halfTaps];
        for (int phase = 0; phase < phaseCount; phase++) {
            double sum = 0;
            double fraction = (double) phase / phaseCount;
            for (int tap = 0; tap < taps.length; tap++) {
                double distance = fraction + halfTaps - 1 - tap;
                double ratio = distance / halfTaps;
                double window = Math.abs(ratio) >= 1 ? 0 : besselI0(KAISER_BETA * Math.sqrt(1 - ratio * ratio)) / windowNorm;
                taps[tap] = cutoff * sinc(cutoff * distance) * window;
                sum += taps[tap];
            }
            for (int tap = 0; tap < taps.length; tap++) {
                rows[phase][tap] = (float) (taps[tap] / sum);
            }
        }
        return rows;
    }

    private static double sinc(double x) {
        return x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
    }

    private static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        for (int k = 1; k < 100; k++) {
            term *= (x / (2 * k)) * (x / (2 * k));
            sum += term;
            if (term < 1e-12 * sum) {
                break;
            }
        }
        return sum;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
