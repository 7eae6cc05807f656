package io.vaani.agent.worker;

import io.vaani.agent.job.AgentJob;
import io.vaani.agent.job.RunningJobs;
import io.vaani.agent.livekit.ProtobufSocket;
import io.vaani.contracts.agent.AgentJobMetadata;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import livekit.LivekitAgent.AvailabilityRequest;
import livekit.LivekitAgent.AvailabilityResponse;
import livekit.LivekitAgent.Job;
import livekit.LivekitAgent.JobAssignment;
import livekit.LivekitAgent.JobType;
import livekit.LivekitAgent.RegisterWorkerRequest;
import livekit.LivekitAgent.RegisterWorkerResponse;
import livekit.LivekitAgent.ServerMessage;
import livekit.LivekitAgent.UpdateJobStatus;
import livekit.LivekitAgent.UpdateWorkerStatus;
import livekit.LivekitAgent.WorkerMessage;
import livekit.LivekitAgent.WorkerPing;
import livekit.LivekitAgent.WorkerStatus;
import livekit.LivekitModels.ParticipantPermission;
import org.jboss.logging.Logger;

/**
 * One connection to LiveKit's {@code /agent} endpoint: the worker registers, then answers the
 * server's availability requests, runs its assignments and ends its terminated jobs until the
 * connection closes. Jobs outlive the connection: they run on in their rooms while the worker
 * dials again.
 */
final class WorkerSession implements ProtobufSocket.Listener<ServerMessage> {
    private static final Logger LOG = Logger.getLogger(WorkerSession.class);
    static final String VERSION = "vaani-agent-worker/1";

    /** What the agent may do in its rooms: talk, listen, send transcripts and set its state attributes. */
    static final ParticipantPermission PERMISSIONS = ParticipantPermission.newBuilder().setCanPublish(true).setCanSubscribe(true)
            .setCanPublishData(true).setCanUpdateMetadata(true).setAgent(true).build();

    private final String agentName;
    private final String defaultUrl;
    private final RunningJobs jobs;
    private final JobReporter reporter;
    private final Clock clock;
    private final CompletableFuture<RegisterWorkerResponse> registered = new CompletableFuture<>();
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private volatile ProtobufSocket<ServerMessage> socket;
    private volatile long lastPongMillis;

    private WorkerSession(String agentName, String defaultUrl, RunningJobs jobs, JobReporter reporter, Clock clock) {
        this.agentName = agentName;
        this.defaultUrl = defaultUrl;
        this.jobs = jobs;
        this.reporter = reporter;
        this.clock = clock;
    }

    /** Connects and registers, or fails within {@code timeout}. */
    static WorkerSession register(HttpClient http, URI endpoint, String token, String agentName, String defaultUrl, RunningJobs jobs,
            JobReporter reporter, Clock clock, Duration timeout) throws InterruptedException, TimeoutException, ExecutionException {
        WorkerSession session = new WorkerSession(agentName, defaultUrl, jobs, reporter, clock);
        try {
            session.socket = ProtobufSocket.open(http, endpoint, Map.of("Authorization", "Bearer " + token), timeout,
                    ServerMessage.parser(), session).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            session.send(WorkerMessage.newBuilder().setRegister(RegisterWorkerRequest.newBuilder().setType(JobType.JT_ROOM)
                    .setAgentName(agentName).setVersion(VERSION).setAllowedPermissions(PERMISSIONS)).build());
            RegisterWorkerResponse response = session.registered.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            session.lastPongMillis = clock.millis();
            LOG.infof("registered with LiveKit %s as worker %s of agent '%s'", endpoint, response.getWorkerId(), agentName);
            return session;
        } catch (InterruptedException | TimeoutException | ExecutionException | RuntimeException e) {
            session.abort();
            throw e;
        }
    }

    @Override
    public void onMessage(ServerMessage message) {
        switch (message.getMessageCase()) {
            case REGISTER -> registered.complete(message.getRegister());
            case AVAILABILITY -> answer(message.getAvailability());
            case ASSIGNMENT -> assign(message.getAssignment());
            case TERMINATION -> {
                String id = message.getTermination().getJobId();
                if (!jobs.terminate(id, "terminated by LiveKit")) {
                    LOG.debugf("LiveKit terminated job %s, which is not running here", id);
                }
            }
            case PONG -> lastPongMillis = clock.millis();
            default -> LOG.debugf("ignored a %s message from LiveKit", message.getMessageCase());
        }
    }

    private void answer(AvailabilityRequest request) {
        Job job = request.getJob();
        boolean conversation = metadata(job).map(m -> m.mode() != AgentJobMetadata.Mode.ABANDON).orElse(false);
        boolean available = jobs.promise(job.getId(), conversation);
        AvailabilityResponse.Builder response = AvailabilityResponse.newBuilder().setJobId(job.getId()).setAvailable(available);
        if (available) {
            response.setParticipantIdentity(identity(job)).setParticipantName(agentName);
        }
        send(WorkerMessage.newBuilder().setAvailability(response).build());
    }

    private void assign(JobAssignment assignment) {
        Job job = assignment.getJob();
        String url = assignment.hasUrl() && !assignment.getUrl().isBlank() ? assignment.getUrl() : defaultUrl;
        Optional<AgentJobMetadata> metadata = metadata(job);
        if (metadata.isEmpty()) {
            reporter.report(UpdateJobStatus.newBuilder().setJobId(job.getId()).setStatus(livekit.LivekitAgent.JobStatus.JS_FAILED)
                    .setError("the job's metadata is not Vaani's call metadata").build());
            return;
        }
        jobs.start(new AgentJob(job.getId(), job.getRoom().getName(), URI.create(url), assignment.getToken(), identity(job),
                metadata.get()), reporter);
    }

    private static Optional<AgentJobMetadata> metadata(Job job) {
        try {
            return Optional.of(AgentJobMetadata.fromJson(job.getMetadata()));
        } catch (IllegalArgumentException e) {
            LOG.warnf("job %s in room %s carries metadata that is not a Vaani call: %s", job.getId(), job.getRoom().getName(),
                    e.getMessage());
            return Optional.empty();
        }
    }

    /** The agent's identity in the room, unique per job. */
    private static String identity(Job job) {
        return "agent-" + job.getId();
    }

    void reportStatus(WorkerStatus status, double load, int jobCount) {
        send(WorkerMessage.newBuilder().setUpdateWorker(UpdateWorkerStatus.newBuilder().setStatus(status).setLoad((float) load)
                .setJobCount(jobCount)).build());
    }

    CompletableFuture<?> reportJob(UpdateJobStatus update) {
        return send(WorkerMessage.newBuilder().setUpdateJob(update).build());
    }

    /** Pings the server; false when it has not answered the last pings, so that the connection is dead. */
    boolean ping(Duration interval) {
        if (clock.millis() - lastPongMillis > 3 * interval.toMillis()) {
            return false;
        }
        send(WorkerMessage.newBuilder().setPing(WorkerPing.newBuilder().setTimestamp(clock.millis())).build());
        return true;
    }

    private CompletableFuture<?> send(WorkerMessage message) {
        CompletableFuture<?> sent = socket.send(message);
        sent.whenComplete((written, e) -> {
            if (e != null) {
                LOG.debugf("could not send a %s message: %s", message.getMessageCase(), e.getMessage());
                abort();
            }
        });
        return sent;
    }

    @Override
    public void onClosed(int code, String reason, Throwable failure) {
        registered.completeExceptionally(new IllegalStateException("LiveKit closed the connection (" + code + " " + reason + ")"));
        closed.complete(code + " " + reason + (failure == null ? "" : " (" + failure + ")"));
    }

    /** Completes with the reason when the connection is gone. */
    CompletableFuture<String> closed() {
        return closed;
    }

    void close() {
        if (socket != null) {
            socket.close();
        }
    }

    void abort() {
        if (socket != null) {
            socket.abort();
        }
        closed.complete("aborted");
    }
}
