package io.vaani.agent.livekit;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** One thread feeding every caller microphone of the stand-in 10 ms at a time. */
final class StandInPacer implements AutoCloseable {

    interface Paced {
        void tick();
    }

    private final CopyOnWriteArrayList<Paced> sources = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("stand-in-pacer").daemon().factory());

    StandInPacer() {
        // A throwing tick would cancel the schedule for everyone: a failing source is dropped instead.
        thread.scheduleAtFixedRate(() -> sources.forEach(source -> {
            try {
                source.tick();
            } catch (RuntimeException e) {
                sources.remove(source);
            }
        }), 10, 10, TimeUnit.MILLISECONDS);
    }

    void add(Paced source) {
        sources.add(source);
    }

    /** Removes the source and waits out a tick that may be feeding it. */
    void remove(Paced source) {
        sources.remove(source);
        try {
            thread.submit(() -> { }).get(1, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // the pacer is shutting down
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
