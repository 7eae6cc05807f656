package io.vaani.hopper.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.vaani.hopper.fill.SkipCounts;
import io.vaani.hopper.fill.FillResult;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The hopper as Prometheus sees it, per campaign: depth, fills, removals by reason and the
 * current skipped-by-reason counts.
 */
@Singleton
public class HopperMetrics {
    private final MeterRegistry registry;
    private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();

    HopperMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void record(FillResult result) {
        String campaign = result.campaignId().toString();
        counter("vaani_hopper_filled_total", campaign).increment(result.filled());
        registry.counter("vaani_hopper_passes_total", Tags.of("campaign", campaign, "outcome", result.outcome().name()))
                .increment();
        removed(campaign, "outside_window", result.removedOutsideWindow());
        removed(campaign, "do_not_call", result.removedDoNotCall());
        removed(campaign, "campaign_stopped", result.purged());
        if (result.outcome() != FillResult.Outcome.BUSY) {
            gauge("vaani_hopper_depth", Tags.of("campaign", campaign)).set(result.depth());
        }
    }

    public void record(UUID campaignId, SkipCounts skips) {
        skips.asMap().forEach((reason, count) ->
                gauge("vaani_hopper_skipped", Tags.of("campaign", campaignId.toString(), "reason", reason)).set(count));
    }

    private void removed(String campaign, String reason, int count) {
        if (count > 0) {
            registry.counter("vaani_hopper_removed_total", Tags.of("campaign", campaign, "reason", reason)).increment(count);
        }
    }

    private Counter counter(String name, String campaign) {
        return registry.counter(name, Tags.of("campaign", campaign));
    }

    private AtomicLong gauge(String name, Tags tags) {
        return gauges.computeIfAbsent(name + tags, key -> registry.gauge(name, tags, new AtomicLong()));
    }
}
