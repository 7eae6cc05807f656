package io.vaani.agent.provider.stt;

import io.vaani.agent.audio.AudioFrame;
import java.util.ArrayList;
import java.util.List;

/** Audio for the tests in 20 ms frames: a 300 Hz tone stands for speech, zeros for silence. */
public final class TestSpeech {
    private final int sampleRate;
    private final List<AudioFrame> frames = new ArrayList<>();
    private long position;

    public TestSpeech(int sampleRate) {
        this.sampleRate = sampleRate;
    }

    public TestSpeech speech(int millis) {
        for (int i = 0; i < millis / 20; i++) {
            short[] samples = new short[sampleRate / 50];
            for (int s = 0; s < samples.length; s++) {
                samples[s] = (short) (6000 * Math.sin(2 * Math.PI * 300 * (position++) / sampleRate));
            }
            frames.add(new AudioFrame(samples, sampleRate));
        }
        return this;
    }

    public TestSpeech silence(int millis) {
        for (int i = 0; i < millis / 20; i++) {
            frames.add(new AudioFrame(new short[sampleRate / 50], sampleRate));
            position += sampleRate / 50;
        }
        return this;
    }

    public List<AudioFrame> frames() {
        return List.copyOf(frames);
    }

    public void pushTo(SttSession session) {
        frames.forEach(session::push);
        frames.clear();
    }
}
