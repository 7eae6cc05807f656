package io.vaani.agent.recording;

import io.vaani.agent.audio.AudioFrame;
import java.util.ArrayList;
import java.util.List;

/** Test signals in 10 ms frames, and the measures that tell them apart in decoded audio. */
final class Tones {
    private Tones() {
    }

    /** {@code seconds} of a sine at {@code frequency} and {@code amplitude}, cut in 10 ms frames at {@code rate}. */
    static List<AudioFrame> frames(double frequency, int amplitude, double seconds, int rate) {
        int perFrame = rate / 100;
        int total = (int) Math.round(seconds * rate);
        List<AudioFrame> frames = new ArrayList<>();
        for (int start = 0; start < total; start += perFrame) {
            short[] samples = new short[Math.min(perFrame, total - start)];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * frequency * (start + i) / rate));
            }
            frames.add(new AudioFrame(samples, rate));
        }
        return frames;
    }

    /**
     * Something like a voice for the encoder to work on: ten harmonics of a pitch gliding between
     * 120 and 220 Hz, syllables of 200 ms, a little noise; 10 ms frames at {@code rate}.
     */
    static List<AudioFrame> voiceLike(double seconds, int rate, long seed) {
        java.util.Random noise = new java.util.Random(seed);
        int perFrame = rate / 100;
        int total = (int) Math.round(seconds * rate);
        List<AudioFrame> frames = new ArrayList<>();
        double phase = 0;
        for (int start = 0; start < total; start += perFrame) {
            short[] samples = new short[Math.min(perFrame, total - start)];
            for (int i = 0; i < samples.length; i++) {
                double t = (double) (start + i) / rate;
                phase += 2 * Math.PI * (170 + 50 * Math.sin(2 * Math.PI * 0.7 * t)) / rate;
                double envelope = 0.5 + 0.5 * Math.sin(2 * Math.PI * 5 * t);
                double value = 0;
                for (int harmonic = 1; harmonic <= 10; harmonic++) {
                    value += Math.sin(harmonic * phase) / harmonic;
                }
                samples[i] = (short) Math.round(5_000 * envelope * value + 200 * noise.nextGaussian());
            }
            frames.add(new AudioFrame(samples, rate));
        }
        return frames;
    }

    /** Amplitude of the {@code frequency} component in {@code [from, to)} seconds (Goertzel), on the scale of a sine's peak. */
    static double amplitude(short[] pcm, int rate, double frequency, double from, double to) {
        int start = (int) (from * rate);
        int end = Math.min(pcm.length, (int) (to * rate));
        double coefficient = 2 * Math.cos(2 * Math.PI * frequency / rate);
        double previous = 0;
        double beforePrevious = 0;
        for (int i = start; i < end; i++) {
            double current = pcm[i] + coefficient * previous - beforePrevious;
            beforePrevious = previous;
            previous = current;
        }
        double power = previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious;
        return 2 * Math.sqrt(Math.max(0, power)) / (end - start);
    }

    /** Root mean square of {@code [from, to)} seconds. */
    static double rms(short[] pcm, int rate, double from, double to) {
        int start = (int) (from * rate);
        int end = Math.min(pcm.length, (int) (to * rate));
        double sum = 0;
        for (int i = start; i < end; i++) {
            sum += (double) pcm[i] * pcm[i];
        }
        return Math.sqrt(sum / (end - start));
    }
}
