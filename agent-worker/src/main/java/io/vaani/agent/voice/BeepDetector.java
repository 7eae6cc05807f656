package io.vaani.agent.voice;

import io.vaani.agent.audio.AudioFrame;

/**
 * Hears an answering machine's beep: a steady tone between 400 and 2000 Hz, loud and narrow
 * (most of the frame's energy at one frequency, measured with Goertzel filters), lasting at least
 * 200 ms. Speech never holds one pitch that purely for that long.
 */
final class BeepDetector {
    /** Every 50 Hz: a 10 ms frame's filters are about 100 Hz wide, so any beep lies near one. */
    private static final int[] FREQUENCIES = java.util.stream.IntStream.iterate(400, f -> f <= 2000, f -> f + 50).toArray();
    private static final double MIN_TONE_SHARE = 0.6;
    private static final double MIN_RMS = 300;
    private static final long MIN_BEEP_NANOS = 200_000_000L;

    private long toneNanos;
    private int lastFrequency;

    /** Whether this frame completes a beep. */
    boolean push(AudioFrame frame) {
        short[] samples = frame.samples();
        if (samples.length == 0) {
            return false;
        }
        double energy = 0;
        for (short sample : samples) {
            energy += (double) sample * sample;
        }
        if (Math.sqrt(energy / samples.length) < MIN_RMS) {
            toneNanos = 0;
            return false;
        }
        int best = 0;
        double bestPower = 0;
        for (int frequency : FREQUENCIES) {
            double power = goertzel(samples, frame.sampleRate(), frequency);
            if (power > bestPower) {
                bestPower = power;
                best = frequency;
            }
        }
        // A pure tone of amplitude A gives a power of (A N / 2)^2 and an energy of N A^2 / 2: this share is then 1.
        double share = bestPower * 2 / (samples.length * energy);
        boolean tone = share >= MIN_TONE_SHARE && (toneNanos == 0 || Math.abs(best - lastFrequency) <= 100);
        toneNanos = tone ? toneNanos + frame.duration().toNanos() : 0;
        lastFrequency = best;
        return toneNanos >= MIN_BEEP_NANOS && toneNanos - frame.duration().toNanos() < MIN_BEEP_NANOS;
    }

    private static double goertzel(short[] samples, int rate, int frequency) {
        double coefficient = 2 * Math.cos(2 * Math.PI * frequency / rate);
        double previous = 0;
        double beforePrevious = 0;
        for (short sample : samples) {
            double current = sample + coefficient * previous - beforePrevious;
            beforePrevious = previous;
            previous = current;
        }
        return previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious;
    }
}
