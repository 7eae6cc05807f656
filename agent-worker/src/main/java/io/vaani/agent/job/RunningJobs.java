package io.vaani.agent.job;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The jobs of this process: the slots promised to LiveKit and the jobs running, each on its own
 * thread so that one job's failure ends that job only. A slot is promised when the worker
 * answers an availability request and taken when the assignment arrives; a promise LiveKit never
 * follows up expires.
 *
 * <p>A job's thread runs its call's turn-taking loop, so it is a platform thread: the kernel
 * time-slices it fairly against libwebrtc's many native threads. Virtual threads would put every
 * call's loop on a few carrier threads that the kernel counts as a few threads among hundreds, and
 * never preempts among themselves: with 30 calls on 2 cores, turns waited 400 ms for a carrier.
 */
public final class RunningJobs {
    private static final Logger LOG = Logger.getLogger(RunningJobs.class);
    /** LiveKit gives a worker 10 s to answer and assigns at once; a promise older than this was dropped. */
    static final Duration PROMISE_TTL = Duration.ofSeconds(30);

    private record Running(JobContext context, Thread thread, Instant startedAt) {
    }

    private final JobHandler handler;
    private final int maxJobs;
    private final Clock clock;
    private final Map<String, Instant> promised = new ConcurrentHashMap<>();
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private final Counter succeeded;
    private final Counter failed;
    private final Timer durations;
    private volatile boolean draining;

    public RunningJobs(JobHandler handler, int maxJobs, Clock clock, MeterRegistry registry) {
        if (maxJobs < 1) {
            throw new IllegalArgumentException("vaani.agent.max-jobs must be at least 1");
        }
        this.handler = handler;
        this.maxJobs = maxJobs;
        this.clock = clock;
        Gauge.builder("vaani.agent.worker.active.calls", this, RunningJobs::conversations)
                .description("Conversations this worker is running").register(registry);
        Gauge.builder("vaani.agent.worker.load", this, RunningJobs::load)
                .description("Share of the worker's job slots taken or promised (0..1), as reported to LiveKit").register(registry);
        Gauge.builder("vaani.agent.worker.job.slots", this, RunningJobs::capacity)
                .description("Conversation slots the worker offers (0 while draining)").register(registry);
        succeeded = Counter.builder("vaani.agent.worker.jobs").tag("outcome", "success").register(registry);
        failed = Counter.builder("vaani.agent.worker.jobs").tag("outcome", "failed").register(registry);
        durations = Timer.builder("vaani.agent.worker.job.duration").description("Time from assignment to the job's end")
                .register(registry);
    }

    /**
     * Answers LiveKit's availability request: a conversation is promised a slot while one is free;
     * an abandon message needs none. Nothing is accepted while draining.
     */
    public synchronized boolean promise(String jobId, boolean conversation) {
        if (draining) {
            return false;
        }
        if (!conversation) {
            return true;
        }
        Instant now = clock.instant();
        promised.values().removeIf(until -> until.isBefore(now));
        if (conversations() + promised.size() >= maxJobs) {
            return false;
        }
        promised.put(jobId, now.plus(PROMISE_TTL));
        return true;
    }

    /** Runs an assigned job. LiveKit may repeat an assignment (after a reconnect): a job already running is left alone. */
    public void start(AgentJob job, JobEvents events) {
        JobContext context = new JobContext(job, new CompletableFuture<>());
        Thread thread = Thread.ofPlatform().daemon().name("job-" + job.id()).unstarted(() -> run(context, events));
        synchronized (this) {
            promised.remove(job.id());
            if (running.putIfAbsent(job.id(), new Running(context, thread, clock.instant())) != null) {
                LOG.infof("job %s is already running; the repeated assignment is ignored", job.id());
                return;
            }
        }
        thread.start();
    }

    private void run(JobContext context, JobEvents events) {
        AgentJob job = context.job();
        Throwable failure = null;
        events.started(job);
        try {
            handler.run(context);
        } catch (InterruptedException e) {
            if (!context.ending().isDone()) {
                failure = e;
            }
        } catch (Throwable e) {
            failure = e;
        } finally {
            Running ended = running.remove(job.id());
            durations.record(Duration.between(ended.startedAt(), clock.instant()));
            (failure == null ? succeeded : failed).increment();
            if (failure != null) {
                LOG.warnf(failure, "job %s (call %d) failed", job.id(), job.metadata().callLogId());
            }
            events.ended(job, failure);
        }
    }

    /** Ends a job now (LiveKit terminated it): its handler sees {@code ending} and is interrupted. */
    public boolean terminate(String jobId, String reason) {
        Running job = running.get(jobId);
        if (job == null) {
            return false;
        }
        job.context().ending().complete(reason);
        job.thread().interrupt();
        return true;
    }

    /** From now on every availability request is declined. */
    public synchronized void stopAccepting() {
        draining = true;
        promised.clear();
    }

    /**
     * Stops accepting jobs, lets the running ones finish for up to {@code grace}, then ends those
     * left and waits for them to wind down. Returns whether every job finished on its own.
     */
    public boolean drain(Duration grace) throws InterruptedException {
        stopAccepting();
        boolean finished = awaitIdle(clock.instant().plus(grace));
        if (!finished) {
            List<String> left = List.copyOf(running.keySet());
            LOG.warnf("drain grace of %s over: ending %d job(s) %s", grace, left.size(), left);
            left.forEach(id -> terminate(id, "the worker is shutting down"));
            awaitIdle(clock.instant().plusSeconds(10));
        }
        return finished;
    }

    private boolean awaitIdle(Instant deadline) throws InterruptedException {
        while (!running.isEmpty()) {
            if (!clock.instant().isBefore(deadline)) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    public boolean draining() {
        return draining;
    }

    /** Conversation slots offered: none while draining. */
    public int capacity() {
        return draining ? 0 : maxJobs;
    }

    public int conversations() {
        return (int) running.values().stream().filter(r -> r.context().job().conversation()).count();
    }

    public int jobCount() {
        return running.size();
    }

    /** Taken and promised slots over all slots, capped at 1 (what LiveKit balances on). */
    public double load() {
        return draining ? 1.0 : Math.min(1.0, (conversations() + promised.size()) / (double) maxJobs);
    }

    public boolean full() {
        return draining || conversations() + promised.size() >= maxJobs;
    }
}
