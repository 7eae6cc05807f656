package io.vaani.agent.worker;

import io.vaani.agent.config.LiveKitConfig;
import io.vaani.agent.config.WorkerConfig;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready while registered with LiveKit, the only way calls reach this worker (or when LiveKit is deliberately not configured). */
@Readiness
@Singleton
public class WorkerReadinessCheck implements HealthCheck {
    static final String NAME = "LiveKit agent worker";
    private final WorkerLifecycle worker;
    private final WorkerConfig config;
    private final LiveKitConfig livekit;

    WorkerReadinessCheck(WorkerLifecycle worker, WorkerConfig config, LiveKitConfig livekit) {
        this.worker = worker;
        this.config = config;
        this.livekit = livekit;
    }

    @Override
    public HealthCheckResponse call() {
        boolean active = config.enabled() && livekit.configured();
        return HealthCheckResponse.named(NAME)
                .status(!active || worker.registered())
                .withData("agent", config.name())
                .withData("registered", worker.registered())
                .withData("jobs", worker.jobs().jobCount())
                .withData("slots", active ? worker.jobs().capacity() : 0)
                .build();
    }
}
