package io.vaani.dialer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** dialer-core's settings ({@code vaani.dialer.*}). */
@ConfigMapping(prefix = "vaani.dialer")
public interface DialerConfig {

    /** Whether this replica consumes ticks, call events and call records (off for tests that drive the parts by hand). */
    @WithDefault("true")
    boolean enabled();

    /** Time a placed call may take to produce its first answer or failure, on top of its ring timeout. */
    @WithDefault("30s")
    Duration leaseMargin();

    /** How often the live-call registry in Redis is repaired from call_logs. */
    @WithDefault("30s")
    Duration reconcileInterval();

    /** Agent profiles kept in memory (the most recently dialed agents'); the others are read again when needed. */
    @WithDefault("1000")
    int agentProfileCacheSize();

    /** The simulated phone network ({@code vaani.dialer.simulator.*}). */
    Simulator simulator();

    interface Simulator {
        /** Agent slots the simulator offers, shared by all simulator campaigns using the same agent name. */
        @WithDefault("50")
        int agentSlots();

        /** Simulated time runs this many times faster than the wall clock (demos and tests). */
        @WithDefault("1")
        double speed();

        @WithDefault("0.30")
        double answerRate();

        @WithDefault("0.10")
        double busyRate();

        @WithDefault("0.05")
        double voicemailRate();

        @WithDefault("0.02")
        double invalidNumberRate();

        @WithDefault("5s")
        Duration ringMin();

        @WithDefault("30s")
        Duration ringMax();

        @WithDefault("90s")
        Duration talkMean();

        @WithDefault("0.5")
        double talkSigma();

        /** Seed of the network's random draws; empty for a different run each start. */
        Optional<Long> seed();
    }
}
