package io.vaani.agent.worker;

import java.time.Instant;

/** Where the worker tells the dialer how many conversations it can take (see {@code AgentSlots}). */
public interface SlotBoard {
    void report(int capacity, Instant validUntil);

    /** Takes this worker's report away at once (shutdown), rather than letting it expire. */
    void withdraw();
}
