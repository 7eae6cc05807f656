package io.vaani.agent.provider.stt;

import io.vaani.agent.audio.AudioFrame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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

    /** Pushes the frames one every {@code period} from a timer, as a live call does, and returns once all are pushed. */
    public void paceTo(SttSession session, Duration period) {
        List<AudioFrame> queued = List.copyOf(frames);
        frames.clear();
        CompletableFuture<Void> done = new CompletableFuture<>();
        AtomicInteger next = new AtomicInteger();
        try (ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor()) {
            timer.scheduleAtFixedRate(() -> {
                int index = next.getAndIncrement();
                if (index < queued.size()) {
                    session.push(queued.get(index));
                } else {
                    done.complete(null);
                }
            }, 0, period.toNanos(), TimeUnit.NANOSECONDS);
            done.join();
            timer.shutdownNow();
        }
    }
}
