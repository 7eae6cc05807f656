package io.vaani.agent.voice.vad;

import io.vaani.agent.audio.AudioFrame;
import java.time.Duration;

/**
 * What a {@link SpeechDetector} reports. Every time is an offset from the first sample pushed; a
 * {@code timestamp} is the end of the 32 ms window that produced the event.
 */
public sealed interface VadEvent {

    Duration timestamp();

    /** Speech has lasted the minimum speech duration; it began at {@code speechStart}. */
    record StartOfSpeech(Duration timestamp, Duration speechStart) implements VadEvent {
    }

    /** One window was judged: its smoothed speech probability, and whether an utterance is under way after it. */
    record Inference(Duration timestamp, float probability, boolean speaking) implements VadEvent {
    }

    /**
     * Silence has lasted the minimum silence duration. {@code speechDuration} runs from the speech's
     * start to the end of its last speech window. {@code audio}, at the pushed rate, holds the prefix
     * padding, the speech and the trailing silence, and begins at {@code audioStart}.
     */
    record EndOfSpeech(Duration timestamp, Duration speechStart, Duration speechDuration, Duration audioStart, AudioFrame audio)
            implements VadEvent {
    }
}
