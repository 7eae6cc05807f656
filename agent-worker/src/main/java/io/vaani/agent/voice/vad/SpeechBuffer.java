package io.vaani.agent.voice.vad;

import io.vaani.agent.audio.AudioFrame;
import java.util.Arrays;

/**
 * The input audio of the utterance under way, with the padding before it: appended window by
 * window, trimmed to the padding while nobody speaks, capped at a most. It grows as speech does,
 * so a quiet call holds only its padding. Sample positions count from the first sample of the stream.
 */
final class SpeechBuffer {
    private final int capacity;
    private short[] data;
    private int start;
    private int end;
    /** Stream position of {@code data[start]}, and of the sample after the last one appended (dropped ones included). */
    private long startPosition;
    private long nextPosition;
    private boolean dropped;

    SpeechBuffer(int capacity, int initialSize) {
        this.capacity = capacity;
        this.data = new short[Math.max(1, Math.min(capacity, initialSize))];
    }

    /** Appends what fits under the cap; returns false when some samples were dropped. */
    boolean append(short[] samples, int offset, int length) {
        if (start == end) {
            start = end = 0;
            startPosition = nextPosition;
        }
        nextPosition += length;
        int kept = Math.min(length, capacity - (end - start));
        if (kept < length) {
            dropped = true;
        }
        if (kept <= 0) {
            return kept == length;
        }
        if (end + kept > data.length) {
            makeRoom(kept);
        }
        System.arraycopy(samples, offset, data, end, kept);
        end += kept;
        return kept == length;
    }

    /** Keeps only the latest {@code samples}; after a drop nothing recent is held, so nothing is kept. */
    void keepLast(int samples) {
        if (dropped) {
            start = end;
            dropped = false;
        } else if (end - start > samples) {
            start = end - samples;
        }
        startPosition = nextPosition - (end - start);
    }

    int length() {
        return end - start;
    }

    long startPosition() {
        return startPosition;
    }

    AudioFrame copy(int sampleRate) {
        return new AudioFrame(Arrays.copyOfRange(data, start, end), sampleRate);
    }

    private void makeRoom(int extra) {
        int length = end - start;
        short[] target = data;
        if (length + extra > data.length) {
            target = new short[Math.min(capacity, Math.max(2 * data.length, length + extra))];
        }
        System.arraycopy(data, start, target, 0, length);
        data = target;
        start = 0;
        end = length;
    }
}
