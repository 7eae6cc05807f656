package io.vaani.scheduler.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The scheduler's settings ({@code vaani.scheduler.*}). */
@ConfigMapping(prefix = "vaani.scheduler")
public interface SchedulerConfig {
    /** Off: consume nothing and reap nothing (a replica kept for its API only, or a test of one part). */
    @WithDefault("true")
    boolean enabled();

    /** How often expired claims are looked for. */
    @WithDefault("15s")
    Duration reapInterval();

    /** Claims reaped per round and kind; a backlog drains over consecutive rounds. */
    @WithDefault("500")
    int reapBatch();

    /** A call LiveKit still holds past its lease keeps its prospect this much longer before the next look. */
    @WithDefault("2m")
    Duration liveCallExtension();

    /** Batch items turned into prospects per transaction. */
    @WithDefault("1000")
    int batchChunk();
}
