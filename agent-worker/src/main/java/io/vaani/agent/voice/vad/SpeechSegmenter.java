package io.vaani.agent.voice.vad;

import io.vaani.agent.audio.AudioFrame;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * The speech state machine of one call, fed one judged window at a time: the window's speech
 * probability and the input audio it covers. It follows LiveKit's Silero plugin: speech starts
 * once windows at or above the activation threshold have lasted the minimum speech duration, and
 * ends once windows below the (deactivation) threshold have lasted the minimum silence duration;
 * any window of the other kind restarts the count. Not thread-safe.
 */
final class SpeechSegmenter {
    private static final Logger LOG = Logger.getLogger(SpeechSegmenter.class);

    private final VadOptions options;
    private final int sampleRate;
    private final long windowNanos;
    private final int prefixSamples;
    private final VadListener listener;
    private final SpeechBuffer buffer;

    private long windows;
    private boolean speaking;
    private long speechRunNanos;
    private long silenceRunNanos;
    private long speechStartNanos;
    private long lastSpeechEndNanos;
    private boolean dropWarned;

    SpeechSegmenter(VadOptions options, int sampleRate, Duration window, VadListener listener) {
        this.options = options;
        this.sampleRate = sampleRate;
        this.windowNanos = window.toNanos();
        this.listener = listener;
        this.prefixSamples = samples(options.prefixPadding());
        int capacity = Math.addExact(samples(options.maxBufferedSpeech()), prefixSamples);
        this.buffer = new SpeechBuffer(capacity, prefixSamples + samples(Duration.ofSeconds(2)));
    }

    boolean speaking() {
        return speaking;
    }

    /** Judges the next window: {@code probability} of speech in it, and the input samples it covers. */
    void window(float probability, short[] samples, int offset, int length) {
        windows++;
        long now = windows * windowNanos;
        if (!buffer.append(samples, offset, length) && !dropWarned) {
            dropWarned = true;
            LOG.warnf("utterance longer than %s: later audio is left out of it", options.maxBufferedSpeech());
        }
        boolean speech = probability >= (speaking ? options.deactivationThreshold() : options.activationThreshold());
        if (speech) {
            speechRunNanos += windowNanos;
            silenceRunNanos = 0;
            if (speaking) {
                lastSpeechEndNanos = now;
            } else if (speechRunNanos >= options.minSpeech().toNanos()) {
                speaking = true;
                speechStartNanos = now - speechRunNanos;
                lastSpeechEndNanos = now;
                listener.onVadEvent(new VadEvent.StartOfSpeech(Duration.ofNanos(now), Duration.ofNanos(speechStartNanos)));
            }
        } else {
            silenceRunNanos += windowNanos;
            speechRunNanos = 0;
            if (!speaking) {
                buffer.keepLast(prefixSamples);
            } else if (silenceRunNanos >= options.minSilence().toNanos()) {
                speaking = false;
                Duration audioStart = Duration.ofNanos(buffer.startPosition() * 1_000_000_000L / sampleRate);
                listener.onVadEvent(new VadEvent.EndOfSpeech(Duration.ofNanos(now), Duration.ofNanos(speechStartNanos),
                        Duration.ofNanos(lastSpeechEndNanos - speechStartNanos), audioStart, buffer.copy(sampleRate)));
                buffer.keepLast(prefixSamples);
                dropWarned = false;
            }
        }
        listener.onVadEvent(new VadEvent.Inference(Duration.ofNanos(now), probability, speaking));
    }

    private int samples(Duration duration) {
        return Math.toIntExact(duration.toNanos() * sampleRate / 1_000_000_000L);
    }
}
