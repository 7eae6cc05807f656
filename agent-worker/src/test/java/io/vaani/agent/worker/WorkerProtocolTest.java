package io.vaani.agent.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vaani.agent.job.CallMetadata;
import io.vaani.agent.job.JobContext;
import io.vaani.agent.job.JobHandler;
import io.vaani.agent.job.RunningJobs;
import io.vaani.agent.livekit.AgentDispatcherStandIn;
import io.vaani.agent.livekit.AgentDispatcherStandIn.Dispatch;
import io.vaani.agent.livekit.AgentDispatcherStandIn.Worker;
import io.vaani.agent.livekit.LiveKitStandIn;
import io.vaani.contracts.agent.AgentJobMetadata.Mode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import livekit.LivekitAgent.JobStatus;
import livekit.LivekitAgent.JobType;
import livekit.LivekitAgent.UpdateJobStatus;
import livekit.LivekitAgent.UpdateWorkerStatus;
import livekit.LivekitAgent.WorkerStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The worker against a stand-in speaking LiveKit's {@code /agent} protocol; jobs here only wait to be told to end. */
class WorkerProtocolTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    private LiveKitStandIn livekit;
    private AgentDispatcherStandIn dispatcher;
    private final ScriptedJobs handler = new ScriptedJobs();
    private final RecordedSlots slots = new RecordedSlots();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private AgentWorker worker;
    private RunningJobs jobs;

    @BeforeEach
    void startLiveKit() throws Exception {
        livekit = new LiveKitStandIn();
        dispatcher = new AgentDispatcherStandIn(livekit);
    }

    @AfterEach
    void stop() throws Exception {
        if (worker != null) {
            handler.releaseAll();
            worker.shutdown();
        }
        livekit.close();
    }

    private void startWorker(int maxJobs, String... more) {
        Map<String, String> properties = new java.util.HashMap<>(Map.of("vaani.livekit.url", livekit.url().toString(), "vaani.livekit.api-key",
                LiveKitStandIn.API_KEY, "vaani.livekit.api-secret", LiveKitStandIn.API_SECRET, "vaani.agent.name", "test-agent",
                "vaani.agent.max-jobs", String.valueOf(maxJobs), "vaani.agent.status-interval", "300ms",
                "vaani.agent.drain-grace", "2s"));
        for (int i = 0; i < more.length; i += 2) {
            properties.put(more[i], more[i + 1]);
        }
        WorkerSettings settings = WorkerSettings.of(properties);
        jobs = new RunningJobs(handler, settings.worker().maxJobs(), Clock.systemUTC(), registry);
        worker = new AgentWorker(settings.worker(), settings.livekit(), jobs, slots, Clock.systemUTC());
        worker.start();
    }

    private Worker registered() {
        await().atMost(WAIT).until(() -> !dispatcher.workers().isEmpty());
        return dispatcher.workers().getFirst();
    }

    @Test
    void registersForRoomJobsAndReportsItsLoadEveryInterval() {
        startWorker(3);
        Worker registration = registered();

        assertThat(registration.registration.getType()).isEqualTo(JobType.JT_ROOM);
        assertThat(registration.registration.getAgentName()).isEqualTo("test-agent");
        assertThat(registration.registration.getAllowedPermissions().getCanPublish()).isTrue();
        assertThat(registration.registration.getAllowedPermissions().getCanSubscribe()).isTrue();
        assertThat(registration.registration.getAllowedPermissions().getCanPublishData()).isTrue();
        assertThat(registration.registration.getAllowedPermissions().getCanUpdateMetadata()).isTrue();
        assertThat(registration.registration.getAllowedPermissions().getAgent()).isTrue();

        await().atMost(WAIT).until(() -> registration.statuses.size() >= 5);
        UpdateWorkerStatus status = registration.lastStatus().orElseThrow();
        assertThat(status.getStatus()).isEqualTo(WorkerStatus.WS_AVAILABLE);
        assertThat(status.getLoad()).isZero();
        assertThat(status.getJobCount()).isZero();
        // the dialer sees all three slots, valid for a few intervals
        RecordedSlots.Report report = slots.last();
        assertThat(report.capacity()).isEqualTo(3);
        assertThat(report.validUntil()).isBetween(Instant.now().plusSeconds(8), Instant.now().plusSeconds(11));
        assertThat(registry.get("vaani.agent.worker.job.slots").gauge().value()).isEqualTo(3.0);
    }

    @Test
    void acceptsWhileBelowCapacityDeclinesWhenFullAndReportsFull() throws Exception {
        startWorker(2);
        Worker registration = registered();

        Dispatch first = dispatcher.dispatch("call-1", CallMetadata.json(1, Mode.CONVERSATION));
        Dispatch second = dispatcher.dispatch("call-2", CallMetadata.json(2, Mode.CONVERSATION));
        Dispatch third = dispatcher.dispatch("call-3", CallMetadata.json(3, Mode.CONVERSATION));

        assertThat(first.assigned()).isTrue();
        assertThat(first.answer().orElseThrow().getParticipantIdentity()).isEqualTo("agent-" + first.job().getId());
        assertThat(first.answer().orElseThrow().getParticipantName()).isEqualTo("test-agent");
        assertThat(second.assigned()).isTrue();
        assertThat(third.answer()).hasValueSatisfying(answer -> assertThat(answer.getAvailable()).isFalse());
        await().atMost(WAIT).until(() -> handler.running().size() == 2);
        assertThat(handler.context(first.job().getId()).job().roomName()).isEqualTo("call-1");
        assertThat(handler.context(first.job().getId()).job().metadata().callLogId()).isEqualTo(1);
        assertThat(handler.context(first.job().getId()).job().token()).isEqualTo(first.token().orElseThrow());
        await().atMost(WAIT).until(() -> statusOf(first.job().getId()).contains(JobStatus.JS_RUNNING));
        await().atMost(WAIT).until(() -> AgentDispatcherStandIn.reported(registration, WorkerStatus.WS_FULL));
        assertThat(registration.lastStatus().orElseThrow().getLoad()).isEqualTo(1.0f);
        assertThat(registration.lastStatus().orElseThrow().getJobCount()).isEqualTo(2);
        assertThat(registry.get("vaani.agent.worker.active.calls").gauge().value()).isEqualTo(2.0);

        // an abandon message takes no conversation slot, so it is accepted even when full
        assertThat(dispatcher.dispatch("call-4", CallMetadata.json(4, Mode.ABANDON)).assigned()).isTrue();

        handler.release(first.job().getId());
        await().atMost(WAIT).until(() -> statusOf(first.job().getId()).contains(JobStatus.JS_SUCCESS));
        assertThat(dispatcher.dispatch("call-5", CallMetadata.json(5, Mode.CONVERSATION)).assigned()).isTrue();
    }

    @Test
    void terminationEndsTheJobAndIsReported() throws Exception {
        startWorker(2);
        registered();
        Dispatch dispatch = dispatcher.dispatch("call-1", CallMetadata.json(1, Mode.CONVERSATION));
        await().atMost(WAIT).until(() -> handler.running().containsKey(dispatch.job().getId()));

        dispatcher.terminate(dispatch.job().getId());

        await().atMost(WAIT).until(() -> statusOf(dispatch.job().getId()).contains(JobStatus.JS_SUCCESS));
        assertThat(handler.endings).contains("terminated by LiveKit");
        assertThat(statusOf(dispatch.job().getId())).containsExactly(JobStatus.JS_RUNNING, JobStatus.JS_SUCCESS);
        assertThat(jobs.jobCount()).isZero();
    }

    @Test
    void aFailingJobFailsAloneAndMetadataThatIsNotACallFailsAtOnce() throws Exception {
        startWorker(3);
        registered();
        Dispatch healthy = dispatcher.dispatch("call-1", CallMetadata.json(1, Mode.CONVERSATION));
        Dispatch failing = dispatcher.dispatch("call-2", CallMetadata.json(666, Mode.CONVERSATION));
        Dispatch foreign = dispatcher.dispatch("call-3", "{not json");

        await().atMost(WAIT).until(() -> statusOf(failing.job().getId()).contains(JobStatus.JS_FAILED));
        assertThat(dispatcher.jobUpdates(failing.job().getId()).getLast().getError()).contains("call 666 cannot be handled");
        await().atMost(WAIT).until(() -> statusOf(foreign.job().getId()).contains(JobStatus.JS_FAILED));
        assertThat(dispatcher.jobUpdates(foreign.job().getId()).getLast().getError()).contains("metadata");
        assertThat(handler.running()).containsOnlyKeys(healthy.job().getId());
        assertThat(registry.get("vaani.agent.worker.jobs").tag("outcome", "failed").counter().count()).isEqualTo(1.0);
    }

    @Test
    void reconnectsAfterLiveKitRestartsWithoutDroppingRunningJobs() throws Exception {
        startWorker(2, "vaani.agent.reconnect-max", "2s");
        Worker before = registered();
        Dispatch staying = dispatcher.dispatch("call-1", CallMetadata.json(1, Mode.CONVERSATION));
        Dispatch endingMeanwhile = dispatcher.dispatch("call-2", CallMetadata.json(2, Mode.CONVERSATION));
        await().atMost(WAIT).until(() -> handler.running().size() == 2);

        livekit.stop();
        await().atMost(WAIT).until(() -> !worker.registered());
        handler.release(endingMeanwhile.job().getId()); // ends while the worker has no connection
        await().atMost(WAIT).until(() -> !handler.running().containsKey(endingMeanwhile.job().getId()));
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> !worker.registered()); // LiveKit stays down a while
        livekit.start();

        Worker after = registered();
        assertThat(after.id).isNotEqualTo(before.id);
        assertThat(handler.running()).containsOnlyKeys(staying.job().getId());
        // the job that ended while disconnected is reported once the worker is back
        await().atMost(WAIT).until(() -> statusOf(endingMeanwhile.job().getId()).contains(JobStatus.JS_SUCCESS));
        await().atMost(WAIT).until(() -> after.lastStatus().map(UpdateWorkerStatus::getJobCount).orElse(0) == 1);
        dispatcher.terminate(staying.job().getId());
        await().atMost(WAIT).until(() -> statusOf(staying.job().getId()).contains(JobStatus.JS_SUCCESS));
    }

    @Test
    void keepsTryingWhenLiveKitRefusesItsToken() {
        startWorker(1, "vaani.livekit.api-secret", "not-the-secret", "vaani.agent.reconnect-max", "1s");
        await().atMost(WAIT).until(() -> livekit.refusedAgentTokens() >= 3);
        assertThat(dispatcher.workers()).isEmpty();
        assertThat(slots.last().capacity()).isZero();
    }

    @Test
    void drainsOnShutdownLettingCallsEndWithinTheGrace() throws Exception {
        startWorker(3);
        Worker registration = registered();
        Dispatch finishing = dispatcher.dispatch("call-1", CallMetadata.json(1, Mode.CONVERSATION));
        Dispatch lingering = dispatcher.dispatch("call-2", CallMetadata.json(2, Mode.CONVERSATION));
        await().atMost(WAIT).until(() -> handler.running().size() == 2);

        CompletableFuture<Void> shutdown = CompletableFuture.runAsync(() -> {
            try {
                worker.shutdown();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(WAIT).until(() -> AgentDispatcherStandIn.reported(registration, WorkerStatus.WS_FULL));
        assertThat(slots.withdrawn).isTrue();
        assertThat(dispatcher.dispatch("call-3", CallMetadata.json(3, Mode.CONVERSATION)).assigned()).isFalse();
        handler.release(finishing.job().getId());
        await().atMost(WAIT).until(() -> statusOf(finishing.job().getId()).contains(JobStatus.JS_SUCCESS));
        assertThat(shutdown).isNotDone();

        shutdown.get(); // the 2 s grace ends the lingering call
        worker = null;
        assertThat(handler.endings).contains("the worker is shutting down");
        assertThat(statusOf(lingering.job().getId())).containsExactly(JobStatus.JS_RUNNING, JobStatus.JS_SUCCESS);
        await().atMost(WAIT).until(() -> dispatcher.workers().isEmpty());
    }

    private List<JobStatus> statusOf(String jobId) {
        return dispatcher.jobUpdates(jobId).stream().map(UpdateJobStatus::getStatus).toList();
    }

    /** Jobs that run until the test releases them or the worker ends them; call 666 fails at once. */
    static final class ScriptedJobs implements JobHandler {
        private final Map<String, JobContext> running = new ConcurrentHashMap<>();
        private final Map<String, CompletableFuture<Void>> releases = new ConcurrentHashMap<>();
        final List<String> endings = new CopyOnWriteArrayList<>();

        @Override
        public void run(JobContext context) throws Exception {
            if (context.job().metadata().callLogId() == 666) {
                throw new IllegalStateException("call 666 cannot be handled");
            }
            String id = context.job().id();
            CompletableFuture<Void> release = releases.computeIfAbsent(id, k -> new CompletableFuture<>());
            running.put(id, context);
            try {
                CompletableFuture.anyOf(release, context.ending()).get();
            } finally {
                running.remove(id);
                if (context.ending().isDone()) {
                    endings.add(context.ending().getNow(""));
                }
            }
        }

        Map<String, JobContext> running() {
            return running;
        }

        JobContext context(String id) {
            return running.get(id);
        }

        void release(String id) {
            releases.computeIfAbsent(id, k -> new CompletableFuture<>()).complete(null);
        }

        void releaseAll() {
            releases.values().forEach(r -> r.complete(null));
        }
    }

    /** The slot reports the worker makes (Redis itself is exercised by the application test). */
    static final class RecordedSlots implements SlotBoard {
        record Report(int capacity, Instant validUntil) {
        }

        private final List<Report> reports = new CopyOnWriteArrayList<>();
        volatile boolean withdrawn;

        @Override
        public void report(int capacity, Instant validUntil) {
            reports.add(new Report(capacity, validUntil));
        }

        @Override
        public void withdraw() {
            withdrawn = true;
        }

        Report last() {
            await().atMost(WAIT).until(() -> !reports.isEmpty());
            return reports.getLast();
        }
    }
}
