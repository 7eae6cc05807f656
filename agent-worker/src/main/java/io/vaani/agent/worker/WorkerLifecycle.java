package io.vaani.agent.worker;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.vaani.agent.config.LiveKitConfig;
import io.vaani.agent.config.WorkerConfig;
import io.vaani.agent.job.JobHandler;
import io.vaani.agent.job.RunningJobs;
import io.vaani.contracts.runtime.Instance;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * Runs this process's {@link AgentWorker}: registered with LiveKit from start-up when LiveKit is
 * configured, drained on shutdown (Kubernetes waits for it up to the pod's termination grace).
 */
@Singleton
public class WorkerLifecycle {
    private final WorkerConfig config;
    private final LiveKitConfig livekit;
    private final RunningJobs jobs;
    private final AgentWorker worker;

    WorkerLifecycle(WorkerConfig config, LiveKitConfig livekit, JobHandler handler, RedisDataSource redis, Instance instance,
            MeterRegistry registry, Clock clock) {
        this.config = config;
        this.livekit = livekit;
        this.jobs = new RunningJobs(handler, config.maxJobs(), clock, registry);
        this.worker = new AgentWorker(config, livekit, jobs, new RedisSlotBoard(redis, config.name(), instance.id()), clock);
    }

    void start(@Observes Startup startup) {
        if (!config.enabled()) {
            Log.info("the agent worker is disabled on this replica (vaani.agent.enabled=false)");
            return;
        }
        if (!livekit.configured()) {
            Log.warn("LiveKit is not configured (LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET): this worker takes no calls");
            return;
        }
        worker.start();
        Log.infof("agent worker '%s' started: %d conversation slots, drain grace %s", config.name(), config.maxJobs(),
                config.drainGrace());
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        if (config.enabled() && livekit.configured()) {
            worker.shutdown();
        }
    }

    public RunningJobs jobs() {
        return jobs;
    }

    public boolean registered() {
        return worker.registered();
    }
}
