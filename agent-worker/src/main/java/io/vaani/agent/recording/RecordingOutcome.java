package io.vaani.agent.recording;

import java.time.Duration;

/** How a call's recording ended: stored under its key, or not stored at all (the call log then gets no key). */
public sealed interface RecordingOutcome {

    String key();

    /** In the bucket at {@code key}: {@code bytes} of Ogg Opus lasting {@code length}. */
    record Stored(String key, Duration length, long bytes) implements RecordingOutcome {
    }

    /** Lost after {@code attempts} uploads (0 when encoding itself failed); {@code cause} is the last error. */
    record Failed(String key, int attempts, Exception cause) implements RecordingOutcome {
    }
}
