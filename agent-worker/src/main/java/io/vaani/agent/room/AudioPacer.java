package io.vaani.agent.room;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jboss.logging.Logger;

/**
 * One thread that gives every published microphone its next 10 ms of audio, for all rooms of the
 * process: a room costs no thread of its own, and each audio source is fed from a single thread as
 * libwebrtc requires.
 */
final class AudioPacer implements AutoCloseable {

    /** Something fed every tick. */
    interface Paced {
        void tick();
    }

    static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** Further behind than this (a long GC pause), the pacer skips ahead instead of sending a burst. */
    private static final long MAX_LAG_NANOS = TimeUnit.MILLISECONDS.toNanos(60);
    private static final Logger LOG = Logger.getLogger(AudioPacer.class);

    private final CopyOnWriteArrayList<Paced> outputs = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    /** Written by the pacer thread only. */
    private volatile long skips;

    AudioPacer() {
        thread = Thread.ofPlatform().name("audio-pacer").daemon().unstarted(this::run);
        thread.setPriority(Thread.MAX_PRIORITY);
        thread.start();
    }

    void add(Paced output) {
        outputs.add(output);
    }

    void remove(Paced output) {
        outputs.remove(output);
    }

    int size() {
        return outputs.size();
    }

    private void run() {
        long next = System.nanoTime();
        while (running) {
            for (Paced output : outputs) {
                try {
                    output.tick();
                } catch (RuntimeException e) {
                    // One broken output must not silence the others.
                    LOG.warnf(e, "audio output failed, removed from the pacer");
                    outputs.remove(output);
                }
            }
            next += TICK_NANOS;
            long now = System.nanoTime();
            if (now - next > MAX_LAG_NANOS) {
                next = now;
                skips++;
            }
            long wait = next - now;
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
        }
    }

    /** Times the pacer fell too far behind and skipped ahead: each is a gap in every call's outgoing audio. */
    long skips() {
        return skips;
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
