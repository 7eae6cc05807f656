package io.vaani.agent.worker;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Waits between connection attempts: doubling from 500 ms up to a maximum, with jitter so that workers don't reconnect in step. */
final class Backoff {
    private static final long FIRST_MILLIS = 500;
    private final long maxMillis;
    private long nextMillis = FIRST_MILLIS;

    Backoff(Duration max) {
        this.maxMillis = Math.max(FIRST_MILLIS, max.toMillis());
    }

    Duration next() {
        long base = nextMillis;
        nextMillis = Math.min(maxMillis, nextMillis * 2);
        long jitter = ThreadLocalRandom.current().nextLong(base / 5 + 1);
        return Duration.ofMillis(Math.min(maxMillis, base - base / 10 + jitter));
    }

    void reset() {
        nextMillis = FIRST_MILLIS;
    }
}
