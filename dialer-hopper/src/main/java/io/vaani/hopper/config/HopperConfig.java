package io.vaani.hopper.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "vaani.hopper")
public interface HopperConfig {
    /** Upper bound of any campaign's hopper level, whatever its formula gives. */
    @WithDefault("10000")
    int maxLevel();

    /** Lease of a queued prospect's claim; renewed while it waits in a running campaign's hopper. */
    @WithDefault("10m")
    Duration claimLease();

    /** How often a campaign's skipped-by-reason counts are recounted (a scan of its dialable prospects). */
    @WithDefault("60s")
    Duration censusInterval();

    /** How often hoppers of campaigns that stopped running are emptied, should their change event be lost. */
    @WithDefault("30s")
    Duration sweepInterval();
}
