package io.vaani.scheduler.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.vaani.contracts.domain.ProspectStatus;
import jakarta.inject.Singleton;

/** What the scheduler did, for dashboards and alerts. */
@Singleton
public class SchedulerMetrics {
    private final MeterRegistry registry;

    SchedulerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void nextStep(ProspectStatus status) {
        registry.counter("vaani.scheduler.outcomes", "next", status.name()).increment();
    }

    public void callback(boolean moved) {
        registry.counter("vaani.scheduler.callbacks", "moved", String.valueOf(moved)).increment();
    }

    public void optOut() {
        registry.counter("vaani.scheduler.opt.outs").increment();
    }

    /** kind: queued (back to the pool), settled (outcome read from the call log), failed, alive. */
    public void reaped(String kind, int count) {
        registry.counter("vaani.scheduler.reaped", "kind", kind).increment(count);
    }

    public void batchItems(String status, int count) {
        registry.counter("vaani.scheduler.batch.items", "status", status).increment(count);
    }
}
