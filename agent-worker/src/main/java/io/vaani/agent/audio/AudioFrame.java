package io.vaani.agent.audio;

import java.time.Duration;

/** Mono 16-bit PCM at {@code sampleRate}. The array is owned by whoever holds the frame; nobody writes to it after handing it over. */
public record AudioFrame(short[] samples, int sampleRate) {

    public AudioFrame {
        if (samples == null) {
            throw new IllegalArgumentException("samples are required");
        }
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive: " + sampleRate);
        }
    }

    public Duration duration() {
        return Duration.ofNanos(samples.length * 1_000_000_000L / sampleRate);
    }

    public double durationMillis() {
        return samples.length * 1000.0 / sampleRate;
    }
}
