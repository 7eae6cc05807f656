package io.vaani.dialer.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vaani.contracts.domain.CallOutcome;
import io.vaani.dialer.origination.ClaimResult;
import jakarta.inject.Singleton;

/** dialer-core's Prometheus meters ({@code /q/metrics}). */
@Singleton
public class DialerMetrics {
    private final MeterRegistry registry;
    private final Counter placed;
    private final Counter connected;
    private final Counter abandoned;
    private final Counter staleTicks;
    private final Counter unusable;
    private final Counter reserveConflicts;
    private final Counter skippedDoNotCall;
    private final Counter skippedOutsideWindow;

    DialerMetrics(MeterRegistry registry) {
        this.registry = registry;
        placed = Counter.builder("vaani.dialer.calls.placed").description("Calls claimed and placed").register(registry);
        connected = Counter.builder("vaani.dialer.calls.connected").description("Answered calls handed to an agent").register(registry);
        abandoned = Counter.builder("vaani.dialer.calls.abandoned").description("Answered calls no agent could take")
                .register(registry);
        staleTicks = Counter.builder("vaani.dialer.ticks.stale").description("Ticks dropped for arriving after their interval")
                .register(registry);
        unusable = Counter.builder("vaani.dialer.ticks.unusable").description("Ticks of campaigns whose telephony is not configured")
                .register(registry);
        reserveConflicts = Counter.builder("vaani.dialer.reserve.conflicts")
                .description("Reservations lost to a concurrent tick of the same campaign").register(registry);
        skippedDoNotCall = skipped("DO_NOT_CALL");
        skippedOutsideWindow = skipped("OUTSIDE_WINDOW");
    }

    public void claimed(ClaimResult result) {
        placed.increment(result.calls().size());
        skippedDoNotCall.increment(result.skippedDoNotCall());
        skippedOutsideWindow.increment(result.skippedOutsideWindow());
    }

    public void connected() {
        connected.increment();
    }

    public void abandoned() {
        abandoned.increment();
    }

    public void failed(CallOutcome outcome) {
        registry.counter("vaani.dialer.calls.failed", "outcome", outcome.name()).increment();
    }

    public void staleTick() {
        staleTicks.increment();
    }

    public void unusable() {
        unusable.increment();
    }

    public void reserveConflict() {
        reserveConflicts.increment();
    }

    private Counter skipped(String reason) {
        return Counter.builder("vaani.dialer.skipped").tag("reason", reason)
                .description("Queued numbers given back at dial time").register(registry);
    }
}
