package io.vaani.agent.room;

import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.audio.CustomAudioSource;
import io.vaani.agent.audio.AudioFrame;
import io.vaani.agent.audio.PcmBytes;
import io.vaani.agent.audio.Resampler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The agent's published microphone: a queue of PCM at the track's rate, emptied 10 ms per pacer
 * tick into the webrtc source. While the queue is empty it sends silence, as a phone line does, so
 * the far end hears a steady stream. The buffers of the tick are reused: no garbage per frame.
 */
final class MicrophoneTrack implements AudioOutput, AudioPacer.Paced {

    private final CustomAudioSource source;
    private final AudioTrack track;
    private final int sampleRate;
    private final int samplesPerTick;
    private final short[] tickSamples;
    private final byte[] tickBytes;
    private final SampleQueue queue;
    private final List<CompletableFuture<Void>> drainWaiters = new ArrayList<>();
    private Resampler resampler;
    private short[] resampled = new short[0];
    private long playedSamples;
    private volatile Consumer<AudioFrame> tap;
    private volatile String trackSid = "";
    private boolean closed;

    MicrophoneTrack(CustomAudioSource source, AudioTrack track, int sampleRate) {
        this.source = source;
        this.track = track;
        this.sampleRate = sampleRate;
        this.samplesPerTick = sampleRate / 100;
        this.tickSamples = new short[samplesPerTick];
        this.tickBytes = new byte[samplesPerTick * 2];
        this.queue = new SampleQueue(sampleRate * 2);
    }

    AudioTrack track() {
        return track;
    }

    CustomAudioSource source() {
        return source;
    }

    void published(String sid) {
        this.trackSid = sid;
    }

    @Override
    public void write(AudioFrame frame) {
        synchronized (this) {
            if (closed) {
                return;
            }
            if (frame.sampleRate() == sampleRate) {
                queue.add(frame.samples(), 0, frame.samples().length);
                return;
            }
            if (resampler == null || resampler.inputRate() != frame.sampleRate()) {
                resampler = new Resampler(frame.sampleRate(), sampleRate);
            }
            int needed = resampler.maxOutput(frame.samples().length);
            if (resampled.length < needed) {
                resampled = new short[needed];
            }
            int written = resampler.process(frame.samples(), 0, frame.samples().length, resampled, 0);
            queue.add(resampled, 0, written);
        }
    }

    @Override
    public Duration clear() {
        List<CompletableFuture<Void>> waiters;
        int dropped;
        synchronized (this) {
            dropped = queue.clear();
            waiters = takeWaiters();
        }
        waiters.forEach(waiter -> waiter.complete(null));
        return samplesToDuration(dropped);
    }

    @Override
    public synchronized Duration played() {
        return samplesToDuration(playedSamples);
    }

    @Override
    public synchronized Duration queued() {
        return samplesToDuration(queue.size());
    }

    @Override
    public synchronized CompletableFuture<Void> drained() {
        if (queue.size() == 0 || closed) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> waiter = new CompletableFuture<>();
        drainWaiters.add(waiter);
        return waiter;
    }

    @Override
    public String trackSid() {
        return trackSid;
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    /** Called by the pacer thread only, so pushes to the source never overlap. */
    @Override
    public void tick() {
        List<CompletableFuture<Void>> waiters = List.of();
        AudioFrame sent = null;
        synchronized (this) {
            if (closed) {
                return;
            }
            int taken = queue.poll(tickSamples, samplesPerTick);
            java.util.Arrays.fill(tickSamples, taken, samplesPerTick, (short) 0);
            playedSamples += taken;
            if (taken > 0 && tap != null) {
                sent = new AudioFrame(java.util.Arrays.copyOf(tickSamples, taken), sampleRate);
            }
            if (taken > 0 && queue.size() == 0) {
                waiters = takeWaiters();
            }
            // Pushed under the lock: once close() returns, nothing touches the native source again.
            PcmBytes.toBytes(tickSamples, 0, samplesPerTick, tickBytes);
            source.pushAudio(tickBytes, 16, sampleRate, 1, samplesPerTick);
        }
        if (sent != null) {
            tap.accept(sent);
        }
        waiters.forEach(waiter -> waiter.complete(null));
    }

    @Override
    public void tap(Consumer<AudioFrame> sent) {
        this.tap = sent;
    }

    /** Stops taking audio; the caller removes this from the pacer before disposing the native objects. */
    void close() {
        List<CompletableFuture<Void>> waiters;
        synchronized (this) {
            closed = true;
            // webrtc-java 0.14 keeps closed peer connections and their Java observers: what a closed
            // track still references would stay behind for good, so its buffers go now.
            queue.release();
            resampled = new short[0];
            resampler = null;
            waiters = takeWaiters();
        }
        waiters.forEach(waiter -> waiter.complete(null));
    }

    private List<CompletableFuture<Void>> takeWaiters() {
        if (drainWaiters.isEmpty()) {
            return List.of();
        }
        List<CompletableFuture<Void>> taken = List.copyOf(drainWaiters);
        drainWaiters.clear();
        return taken;
    }

    private Duration samplesToDuration(long samples) {
        return Duration.ofNanos(samples * 1_000_000_000L / sampleRate);
    }
}
