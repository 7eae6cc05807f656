package io.vaani.agent.livekit;

import io.vaani.agent.audio.AudioFrame;

/** Measures of PCM used to check that audio went through: loudness, active span, pitch, likeness. */
public final class Signals {

    private Signals() {
    }

    public static double rms(short[] samples, int from, int length) {
        if (length <= 0) {
            return 0;
        }
        double sum = 0;
        for (int i = from; i < from + length; i++) {
            sum += (double) samples[i] * samples[i];
        }
        return Math.sqrt(sum / length);
    }

    /** First and last 10 ms windows louder than {@code threshold} RMS, as [startSample, endSample), or null if none. */
    public static int[] activeSpan(AudioFrame audio, double threshold) {
        int window = audio.sampleRate() / 100;
        short[] samples = audio.samples();
        int first = -1;
        int last = -1;
        for (int at = 0; at + window <= samples.length; at += window) {
            if (rms(samples, at, window) > threshold) {
                if (first < 0) {
                    first = at;
                }
                last = at + window;
            }
        }
        return first < 0 ? null : new int[] {first, last};
    }

    public static double activeSeconds(AudioFrame audio, double threshold) {
        int[] span = activeSpan(audio, threshold);
        return span == null ? 0 : (span[1] - span[0]) / (double) audio.sampleRate();
    }

    /** The dominant frequency of a tone between {@code from} and {@code to}, from its zero crossings. */
    public static double zeroCrossingFrequency(AudioFrame audio, int from, int to) {
        short[] samples = audio.samples();
        int crossings = 0;
        for (int i = from + 1; i < to; i++) {
            if ((samples[i - 1] < 0) != (samples[i] < 0)) {
                crossings++;
            }
        }
        return crossings / 2.0 / ((to - from) / (double) audio.sampleRate());
    }

    /**
     * The best normalised correlation of the 10 ms energy envelopes of two signals over lags up to
     * {@code maxLagWindows}: 1 when the loud and quiet parts line up exactly. Envelopes survive Opus,
     * which keeps the sound but not the waveform.
     */
    public static double envelopeCorrelation(AudioFrame a, AudioFrame b, int maxLagWindows) {
        double[] x = envelope(a);
        double[] y = envelope(b);
        double best = -1;
        for (int lag = -maxLagWindows; lag <= maxLagWindows; lag++) {
            double sxy = 0;
            double sxx = 0;
            double syy = 0;
            double mx = 0;
            double my = 0;
            int n = 0;
            for (int i = 0; i < x.length; i++) {
                int j = i + lag;
                if (j >= 0 && j < y.length) {
                    mx += x[i];
                    my += y[j];
                    n++;
                }
            }
            if (n < 10) {
                continue;
            }
            mx /= n;
            my /= n;
            for (int i = 0; i < x.length; i++) {
                int j = i + lag;
                if (j >= 0 && j < y.length) {
                    sxy += (x[i] - mx) * (y[j] - my);
                    sxx += (x[i] - mx) * (x[i] - mx);
                    syy += (y[j] - my) * (y[j] - my);
                }
            }
            if (sxx > 0 && syy > 0) {
                best = Math.max(best, sxy / Math.sqrt(sxx * syy));
            }
        }
        return best;
    }

    private static double[] envelope(AudioFrame audio) {
        int window = audio.sampleRate() / 100;
        double[] envelope = new double[audio.samples().length / window];
        for (int i = 0; i < envelope.length; i++) {
            envelope[i] = rms(audio.samples(), i * window, window);
        }
        return envelope;
    }
}
