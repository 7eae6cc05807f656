package io.vaani.agent.provider.stt;

import java.time.Duration;

/**
 * Words recognised: interim results may change, a final one will not. {@code start} and
 * {@code end} are offsets into the audio pushed to the session.
 */
public record Transcript(String text, boolean isFinal, double confidence, Duration start, Duration end) {
}
