package io.vaani.agent.audio;

import java.time.Duration;

/** Mono 16-bit PCM samples at a sample rate: what moves between the room, the pipeline and the providers. */
public record AudioFrame(short[] samples, int sampleRate) {

    public AudioFrame {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive");
        }
    }

    public Duration duration() {
        return Duration.ofNanos(samples.length * 1_000_000_000L / sampleRate);
    }
}
