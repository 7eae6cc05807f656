package io.vaani.agent.voice.vad;

import io.vaani.agent.audio.AudioFrame;
import io.vaani.agent.audio.Resampler;
import java.util.Arrays;

/**
 * Voice activity detection for one call: {@link #push(AudioFrame)} the caller's audio, at any rate,
 * from the call's audio thread, and the listener hears each 32 ms window's probability and the
 * starts and ends of utterances on that same thread. The audio is resampled to the model's 16 kHz;
 * the utterance audio handed over stays at the pushed rate. The first frame fixes the rate.
 */
public final class SpeechDetector implements AutoCloseable {
    /** LiveKit's smoothing of the raw probabilities: each window keeps 35% of the previous value. */
    private static final float SMOOTHING = 0.35f;

    private final VadOptions options;
    private final VadListener listener;
    private final SileroStream stream;
    private final float[] window = new float[SileroModel.WINDOW_SAMPLES];
    private int windowFill;
    private short[] resampled = new short[0];
    private Resampler resampler;
    private SpeechSegmenter segmenter;
    private int inputRate;
    /** Input samples pushed but not yet handed to a window: windows lag the input by the resampler's delay. */
    private short[] pending = new short[4096];
    private int pendingLength;
    private long windowsDone;
    private float smoothed = -1;

    public SpeechDetector(SileroModel model, VadOptions options, VadListener listener) {
        this.options = options;
        this.listener = listener;
        this.stream = model.newStream();
    }

    public void push(AudioFrame frame) {
        if (segmenter == null) {
            inputRate = frame.sampleRate();
            resampler = new Resampler(inputRate, SileroModel.SAMPLE_RATE);
            segmenter = new SpeechSegmenter(options, inputRate, SileroModel.WINDOW, listener);
        } else if (frame.sampleRate() != inputRate) {
            throw new IllegalArgumentException("a " + frame.sampleRate() + " Hz frame after " + inputRate + " Hz ones");
        }
        short[] samples = frame.samples();
        appendPending(samples);
        int count = samples.length;
        if (inputRate != SileroModel.SAMPLE_RATE) {
            int most = resampler.maxOutput(samples.length);
            if (resampled.length < most) {
                resampled = new short[most];
            }
            count = resampler.process(samples, 0, samples.length, resampled, 0);
            samples = resampled;
        }
        for (int i = 0; i < count; i++) {
            window[windowFill++] = samples[i] / 32767f;
            if (windowFill == SileroModel.WINDOW_SAMPLES) {
                judgeWindow();
                windowFill = 0;
            }
        }
    }

    /** Whether an utterance is under way. */
    public boolean speaking() {
        return segmenter != null && segmenter.speaking();
    }

    public VadOptions options() {
        return options;
    }

    @Override
    public void close() {
        stream.close();
    }

    private void judgeWindow() {
        float raw = stream.probability(window);
        smoothed = smoothed < 0 ? raw : SMOOTHING * smoothed + (1 - SMOOTHING) * raw;
        // The input samples this window covers: exact in total, so no drift at rates like 22.05 kHz.
        long covered = (windowsDone + 1) * SileroModel.WINDOW_SAMPLES * inputRate / SileroModel.SAMPLE_RATE
                - windowsDone * SileroModel.WINDOW_SAMPLES * inputRate / SileroModel.SAMPLE_RATE;
        int length = (int) Math.min(covered, pendingLength);
        windowsDone++;
        segmenter.window(smoothed, pending, 0, length);
        System.arraycopy(pending, length, pending, 0, pendingLength - length);
        pendingLength -= length;
    }

    private void appendPending(short[] samples) {
        if (pendingLength + samples.length > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(2 * pending.length, pendingLength + samples.length));
        }
        System.arraycopy(samples, 0, pending, pendingLength, samples.length);
        pendingLength += samples.length;
    }
}
