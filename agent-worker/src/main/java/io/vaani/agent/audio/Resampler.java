package io.vaani.agent.audio;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Streaming sample-rate converter for mono 16-bit PCM: a polyphase windowed-sinc filter for the
 * rational ratio between two integer rates, with the cut-off below the lower Nyquist frequency so
 * that downsampling does not alias. It keeps the tail of its input between calls, so a stream can
 * be fed in frames of any size; the output lags the input by the filter's half length (under 2 ms).
 * One instance per stream; not thread-safe.
 */
public final class Resampler {

    /** Zero crossings of the sinc on each side, at the lower of the two rates. */
    private static final int ZERO_CROSSINGS = 16;
    private static final double KAISER_BETA = 8.0;
    /** Fraction of the lower Nyquist frequency kept: leaves room for the transition band. */
    private static final double PASSBAND = 0.92;
    private static final Map<Long, float[][]> FILTERS = new ConcurrentHashMap<>();

    private final int inputRate;
    private final int outputRate;
    private final int up;
    private final int down;
    private final int halfTaps;
    private final float[][] phases;
    private float[] history;
    private int historyLength;
    /** Time of the next output sample, in input samples times {@code up}, from {@code history[0]}. */
    private long position;

    public Resampler(int inputRate, int outputRate) {
        if (inputRate <= 0 || outputRate <= 0) {
            throw new IllegalArgumentException("rates must be positive: " + inputRate + " -> " + outputRate);
        }
        this.inputRate = inputRate;
        this.outputRate = outputRate;
        int gcd = gcd(inputRate, outputRate);
        this.up = outputRate / gcd;
        this.down = inputRate / gcd;
        double scale = Math.min(1.0, (double) outputRate / inputRate);
        this.halfTaps = (int) Math.ceil(ZERO_CROSSINGS / scale);
        this.phases = inputRate == outputRate ? null
                : FILTERS.computeIfAbsent(((long) up << 32) | down, key -> design(up, halfTaps, scale * PASSBAND));
        this.history = new float[Math.max(1024, 4 * halfTaps)];
        this.historyLength = halfTaps - 1; // zeros before the first sample
        this.position = (long) (halfTaps - 1) * up;
    }

    public int inputRate() {
        return inputRate;
    }

    public int outputRate() {
        return outputRate;
    }

    /** The most samples {@link #process(short[], int, int, short[], int)} can write for {@code inputLength} inputs. */
    public int maxOutput(int inputLength) {
        return (int) (((long) inputLength + halfTaps + 1) * up / down) + 2;
    }

    /** Converts a whole frame into a new one at the output rate. */
    public AudioFrame process(AudioFrame frame) {
        if (frame.sampleRate() != inputRate) {
            throw new IllegalArgumentException("frame at " + frame.sampleRate() + " Hz fed to a " + inputRate + " Hz resampler");
        }
        if (phases == null) {
            return frame;
        }
        short[] out = new short[maxOutput(frame.samples().length)];
        int written = process(frame.samples(), 0, frame.samples().length, out, 0);
        return new AudioFrame(java.util.Arrays.copyOf(out, written), outputRate);
    }

    /** Feeds {@code length} samples and writes every output sample they complete; returns how many were written. */
    public int process(short[] input, int offset, int length, short[] output, int outputOffset) {
        if (phases == null) {
            System.arraycopy(input, offset, output, outputOffset, length);
            return length;
        }
        append(input, offset, length);
        int written = 0;
        int taps = 2 * halfTaps;
        while (true) {
            int index = (int) (position / up);
            if (index + halfTaps >= historyLength) {
                break;
            }
            float[] coefficients = phases[(int) (position % up)];
            int first = index - halfTaps + 1;
            float sum = 0;
            for (int tap = 0; tap < taps; tap++) {
                sum += history[first + tap] * coefficients[tap];
            }
            output[outputOffset + written++] = clip(sum);
            position += down;
        }
        discardConsumed();
        return written;
    }

    private void append(short[] input, int offset, int length) {
        if (historyLength + length > history.length) {
            history = java.util.Arrays.copyOf(history, Math.max(2 * history.length, historyLength + length));
        }
        for (int i = 0; i < length; i++) {
            history[historyLength + i] = input[offset + i];
        }
        historyLength += length;
    }

    private void discardConsumed() {
        int firstNeeded = (int) (position / up) - halfTaps + 1;
        if (firstNeeded > 0) {
            System.arraycopy(history, firstNeeded, history, 0, historyLength - firstNeeded);
            historyLength -= firstNeeded;
            position -= (long) firstNeeded * up;
        }
    }

    private static short clip(float value) {
        int rounded = Math.round(value);
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, rounded));
    }

    /** One row of taps per output phase, each normalised to unit gain at DC. */
    private static float[][] design(int phaseCount, int halfTaps, double cutoff) {
        float[][] phases = new float[phaseCount][2 * halfTaps];
        double windowNorm = besselI0(KAISER_BETA);
        for (int phase = 0; phase < phaseCount; phase++) {
            double sum = 0;
            double[] taps = new double[2 * halfTaps];
            for (int tap = 0; tap < taps.length; tap++) {
                // distance in input samples between this input and the output instant
                double distance = tap - halfTaps + 1 - (double) phase / phaseCount;
                double ratio = distance / halfTaps;
                double window = Math.abs(ratio) >= 1 ? 0 : besselI0(KAISER_BETA * Math.sqrt(1 - ratio * ratio)) / windowNorm;
                taps[tap] = cutoff * sinc(cutoff * distance) * window;
                sum += taps[tap];
            }
            for (int tap = 0; tap < taps.length; tap++) {
                phases[phase][tap] = (float) (taps[tap] / sum);
            }
        }
        return phases;
    }

    private static double sinc(double x) {
        return x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
    }

    private static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        for (int k = 1; k < 50; k++) {
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
