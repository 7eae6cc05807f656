package io.vaani.agent.livekit;

import io.vaani.agent.audio.AudioFrame;
import java.util.ArrayList;
import java.util.List;

/** Audio received by the stand-in or a test, kept with the time each 10 ms frame arrived. */
public final class RecordedAudio {

    /** One received frame; {@code receivedNanos} by {@link System#nanoTime()}. */
    public record TimedFrame(long receivedNanos, AudioFrame frame) {
    }

    private final List<TimedFrame> frames = new ArrayList<>();

    public synchronized void add(AudioFrame frame) {
        frames.add(new TimedFrame(System.nanoTime(), frame));
    }

    public synchronized List<TimedFrame> frames() {
        return List.copyOf(frames);
    }

    public synchronized int frameCount() {
        return frames.size();
    }

    /** All samples so far, concatenated; every frame is assumed to have the rate of the first. */
    public synchronized AudioFrame joined() {
        int total = frames.stream().mapToInt(f -> f.frame().samples().length).sum();
        short[] all = new short[total];
        int at = 0;
        for (TimedFrame timed : frames) {
            short[] samples = timed.frame().samples();
            System.arraycopy(samples, 0, all, at, samples.length);
            at += samples.length;
        }
        return new AudioFrame(all, frames.isEmpty() ? 48_000 : frames.getFirst().frame().sampleRate());
    }

    /** When the first frame louder than {@code rms} arrived, or -1. */
    public synchronized long firstLoudFrameNanos(double rms) {
        return frames.stream().filter(f -> Signals.rms(f.frame().samples(), 0, f.frame().samples().length) > rms)
                .mapToLong(TimedFrame::receivedNanos).findFirst().orElse(-1);
    }
}
