package io.vaani.agent.voice.vad;

import java.time.Duration;

/**
 * How a {@link SpeechDetector} turns speech probabilities into utterances. {@link #defaults()} are
 * those of LiveKit's Silero plugin, so a turn behaves as it would under a LiveKit agent.
 *
 * @param activationThreshold a window with this probability or more counts as speech
 * @param deactivationThreshold while speaking, a window counts as silence only below this (hysteresis);
 *        equal to the activation threshold in LiveKit
 * @param minSpeech speech must last this long before it starts an utterance
 * @param minSilence silence must last this long before it ends an utterance
 * @param prefixPadding audio kept before the start of speech and handed over with it
 * @param maxBufferedSpeech the longest utterance audio kept (besides the padding); later audio is dropped
 */
public record VadOptions(double activationThreshold, double deactivationThreshold, Duration minSpeech, Duration minSilence,
        Duration prefixPadding, Duration maxBufferedSpeech) {

    public VadOptions {
        if (activationThreshold <= 0 || activationThreshold >= 1) {
            throw new IllegalArgumentException("activation threshold must be in (0, 1): " + activationThreshold);
        }
        if (deactivationThreshold <= 0 || deactivationThreshold > activationThreshold) {
            throw new IllegalArgumentException("deactivation threshold must be in (0, " + activationThreshold + "]: " + deactivationThreshold);
        }
        requireNonNegative("min speech", minSpeech);
        requireNonNegative("min silence", minSilence);
        requireNonNegative("prefix padding", prefixPadding);
        requireNonNegative("max buffered speech", maxBufferedSpeech);
    }

    /** LiveKit's Silero defaults: threshold 0.5, 50 ms of speech to start, 550 ms of silence to end, 0.5 s padding, 60 s kept. */
    public static VadOptions defaults() {
        return new VadOptions(0.5, 0.5, Duration.ofMillis(50), Duration.ofMillis(550), Duration.ofMillis(500), Duration.ofSeconds(60));
    }

    public VadOptions withThresholds(double activation, double deactivation) {
        return new VadOptions(activation, deactivation, minSpeech, minSilence, prefixPadding, maxBufferedSpeech);
    }

    public VadOptions withMinSilence(Duration silence) {
        return new VadOptions(activationThreshold, deactivationThreshold, minSpeech, silence, prefixPadding, maxBufferedSpeech);
    }

    public VadOptions withMaxBufferedSpeech(Duration max) {
        return new VadOptions(activationThreshold, deactivationThreshold, minSpeech, minSilence, prefixPadding, max);
    }

    private static void requireNonNegative(String name, Duration value) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be zero or more: " + value);
        }
    }
}
