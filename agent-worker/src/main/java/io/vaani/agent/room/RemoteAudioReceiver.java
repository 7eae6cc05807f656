package io.vaani.agent.room;

import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.audio.AudioTrackSink;
import io.vaani.agent.audio.AudioFrame;
import io.vaani.agent.audio.PcmBytes;
import io.vaani.agent.audio.Resampler;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Hands a remote track's audio to a consumer as mono PCM at the rate it asked for, in frames of
 * exactly 10 ms, in order. The track sink runs on libwebrtc's single playout thread, shared by every room, so it only
 * downmixes into a queue; a thread of this receiver resamples and calls the consumer, which
 * may therefore take its time without delaying other calls. It is a platform thread, for the
 * reason a job's is (see {@code RunningJobs}): real-time audio is time-sliced by the kernel.
 */
final class RemoteAudioReceiver implements AudioSubscription, AudioTrackSink {

    /** Two seconds of 10 ms frames: beyond that the consumer is stuck and old audio is worth nothing. */
    private static final int QUEUE_FRAMES = 200;
    private static final Logger LOG = Logger.getLogger(RemoteAudioReceiver.class);
    private static final AudioFrame END = new AudioFrame(new short[0], 1);

    private final String participantIdentity;
    private final int sampleRate;
    private final Consumer<AudioFrame> consumer;
    private final Runnable onClose;
    private final BlockingQueue<AudioFrame> queue = new ArrayBlockingQueue<>(QUEUE_FRAMES);
    private final AtomicLong dropped = new AtomicLong();
    private final Thread delivery;
    private AudioTrack track;
    private Resampler resampler;
    private short[] resampled = new short[0];
    private final short[] pending;
    private int pendingLength;
    private volatile boolean closed;

    private static final Duration STOP_WAIT = Duration.ofSeconds(2);

    RemoteAudioReceiver(String participantIdentity, int sampleRate, Consumer<AudioFrame> consumer, Runnable onClose) {
        this.participantIdentity = participantIdentity;
        this.sampleRate = sampleRate;
        this.consumer = consumer;
        this.onClose = onClose;
        this.pending = new short[sampleRate / 100];
        this.delivery = Thread.ofPlatform().daemon().name("audio-in-" + participantIdentity).start(this::deliver);
    }

    String participantIdentity() {
        return participantIdentity;
    }

    synchronized void attach(AudioTrack remoteTrack) {
        if (closed || track == remoteTrack) {
            return;
        }
        detach();
        track = remoteTrack;
        track.addSink(this);
    }

    synchronized void detach() {
        if (track != null) {
            track.removeSink(this);
            track = null;
        }
    }

    @Override
    public void onData(byte[] data, int bitsPerSample, int rate, int channels, int frames) {
        if (closed || bitsPerSample != 16) {
            return;
        }
        short[] mono = new short[frames];
        PcmBytes.toMono(data, channels, frames, mono);
        AudioFrame frame = new AudioFrame(mono, rate);
        while (!queue.offer(frame)) {
            if (queue.poll() != null) {
                dropped.incrementAndGet();
            }
        }
    }

    private void deliver() {
        try {
            while (true) {
                AudioFrame frame = queue.take();
                if (frame == END) {
                    return;
                }
                if (resampler == null || resampler.inputRate() != frame.sampleRate()) {
                    resampler = new Resampler(frame.sampleRate(), sampleRate);
                }
                int needed = resampler.maxOutput(frame.samples().length);
                if (resampled.length < needed) {
                    resampled = new short[needed];
                }
                int count = resampler.process(frame.samples(), 0, frame.samples().length, resampled, 0);
                emitTenMillisecondFrames(count);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The resampler's output does not fall on 10 ms boundaries (its filter delay): re-cut it. */
    private void emitTenMillisecondFrames(int count) {
        for (int taken = 0; taken < count;) {
            int copy = Math.min(count - taken, pending.length - pendingLength);
            System.arraycopy(resampled, taken, pending, pendingLength, copy);
            pendingLength += copy;
            taken += copy;
            if (pendingLength == pending.length) {
                pendingLength = 0;
                try {
                    consumer.accept(new AudioFrame(pending.clone(), sampleRate));
                } catch (RuntimeException e) {
                    LOG.warnf(e, "audio consumer of %s failed", participantIdentity);
                }
            }
        }
    }

    @Override
    public long droppedFrames() {
        return dropped.get();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            detach();
        }
        queue.clear();
        queue.offer(END);
        onClose.run();
        if (Thread.currentThread() != delivery) {
            awaitStopped();
        }
    }

    /**
     * Waits for the frame being delivered, so that once closed the consumer is never called again and
     * may free what it uses (a VAD's native tensors, freed under a running inference, crash the process).
     */
    private void awaitStopped() {
        try {
            delivery.join(STOP_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
