package io.vaani.ticker.clock;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** Ticks published, how late they were, failures, and how many clocks this replica holds. */
public final class TickerMetrics {
    private final Counter ticks;
    private final Counter failures;
    private final Timer lateness;
    private final AtomicInteger owned = new AtomicInteger();

    public TickerMetrics(MeterRegistry registry) {
        ticks = registry.counter("vaani_ticker_ticks_total");
        failures = registry.counter("vaani_ticker_publish_failures_total");
        lateness = Timer.builder("vaani_ticker_tick_lateness").description("time from a tick's due time to its publication")
                .publishPercentiles(0.5, 0.99).publishPercentileHistogram().register(registry);
        registry.gauge("vaani_ticker_campaigns_owned", owned);
    }

    void ticked(Duration late) {
        ticks.increment();
        lateness.record(late.isNegative() ? Duration.ZERO : late);
    }

    void publishFailed() {
        failures.increment();
    }

    void owned(int count) {
        owned.set(count);
    }

    public Timer lateness() {
        return lateness;
    }
}
