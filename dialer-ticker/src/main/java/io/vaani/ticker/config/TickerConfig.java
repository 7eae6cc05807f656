package io.vaani.ticker.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "vaani.ticker")
public interface TickerConfig {
    /** Whether this replica ticks campaigns (tests turn it off to run replicas of their own). */
    @WithDefault("true")
    boolean enabled();

    /**
     * How long a replica's claim on a campaign's clock lasts without renewal: a dead replica's
     * campaigns tick again on another replica within about this long.
     */
    @WithDefault("10s")
    Duration leaseDuration();

    /**
     * How often a replica renews its leases and re-reads the running campaigns. Below the shortest
     * dialer interval (2 s), so a pause whose event was lost still stops ticks within one interval.
     */
    @WithDefault("1s")
    Duration roundInterval();
}
