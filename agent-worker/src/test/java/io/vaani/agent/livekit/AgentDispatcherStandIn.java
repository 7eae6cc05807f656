package io.vaani.agent.livekit;

import com.google.protobuf.InvalidProtocolBufferException;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import livekit.LivekitAgent.AvailabilityRequest;
import livekit.LivekitAgent.AvailabilityResponse;
import livekit.LivekitAgent.Job;
import livekit.LivekitAgent.JobAssignment;
import livekit.LivekitAgent.JobTermination;
import livekit.LivekitAgent.JobType;
import livekit.LivekitAgent.RegisterWorkerRequest;
import livekit.LivekitAgent.RegisterWorkerResponse;
import livekit.LivekitAgent.ServerMessage;
import livekit.LivekitAgent.UpdateJobStatus;
import livekit.LivekitAgent.UpdateWorkerStatus;
import livekit.LivekitAgent.WorkerMessage;
import livekit.LivekitAgent.WorkerPong;
import livekit.LivekitAgent.WorkerStatus;
import livekit.LivekitModels.Room;
import livekit.LivekitModels.ServerInfo;

/**
 * LiveKit's {@code /agent} endpoint as the server speaks it, behind {@link LiveKitStandIn} (which
 * refuses tokens without the agent grant): the worker's first message must be a registration,
 * answered with the worker id; pings are answered with pongs. A dispatch asks one worker for availability, gives it 10 s to answer, and
 * on a yes assigns the job with a room token for the identity the worker chose.
 */
public final class AgentDispatcherStandIn implements Handler<ServerWebSocket> {
    static final Duration AVAILABILITY_DEADLINE = Duration.ofSeconds(10);

    /** A registered worker connection and what it reported. */
    public static final class Worker {
        public final String id;
        public final RegisterWorkerRequest registration;
        public final List<UpdateWorkerStatus> statuses = new CopyOnWriteArrayList<>();
        public final Instant registeredAt = Instant.now();
        private final ServerWebSocket socket;
        private final Map<String, CompletableFuture<AvailabilityResponse>> asked = new ConcurrentHashMap<>();
        volatile boolean closed;

        Worker(String id, RegisterWorkerRequest registration, ServerWebSocket socket) {
            this.id = id;
            this.registration = registration;
            this.socket = socket;
        }

        public Optional<UpdateWorkerStatus> lastStatus() {
            return statuses.isEmpty() ? Optional.empty() : Optional.of(statuses.getLast());
        }

        void send(ServerMessage message) {
            socket.writeBinaryMessage(Buffer.buffer(message.toByteArray()));
        }
    }

    /** What became of a dispatch: the worker's answer, or none within the deadline. */
    public record Dispatch(Job job, Optional<AvailabilityResponse> answer, Optional<String> token) {
        public boolean assigned() {
            return answer.map(AvailabilityResponse::getAvailable).orElse(false);
        }
    }

    private final LiveKitStandIn livekit;
    private final List<Worker> workers = new CopyOnWriteArrayList<>();
    private final List<UpdateJobStatus> jobUpdates = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile String assignmentUrl = "";

    /** Serves the stand-in's {@code /agent} endpoint from now on. */
    public AgentDispatcherStandIn(LiveKitStandIn livekit) {
        this.livekit = livekit;
        livekit.agentHandler(this);
    }

    @Override
    public void handle(ServerWebSocket socket) {
        CompletableFuture<Worker> registered = new CompletableFuture<>();
        socket.binaryMessageHandler(bytes -> {
            WorkerMessage message;
            try {
                message = WorkerMessage.parseFrom(bytes.getBytes());
            } catch (InvalidProtocolBufferException e) {
                socket.close((short) 1007, "invalid message");
                return;
            }
            if (!registered.isDone()) {
                if (!message.hasRegister()) {
                    socket.close((short) 1008, "register first");
                    return;
                }
                Worker worker = new Worker("AW_" + ids.incrementAndGet(), message.getRegister(), socket);
                registered.complete(worker);
                workers.add(worker);
                worker.send(ServerMessage.newBuilder().setRegister(RegisterWorkerResponse.newBuilder().setWorkerId(worker.id)
                        .setServerInfo(ServerInfo.newBuilder().setEdition(ServerInfo.Edition.Standard).setVersion("1.9.0")
                                .setProtocol(16).setNodeId("ND_standin"))).build());
                return;
            }
            Worker worker = registered.join();
            switch (message.getMessageCase()) {
                case UPDATE_WORKER -> worker.statuses.add(message.getUpdateWorker());
                case AVAILABILITY -> Optional.ofNullable(worker.asked.remove(message.getAvailability().getJobId()))
                        .ifPresent(answer -> answer.complete(message.getAvailability()));
                case UPDATE_JOB -> jobUpdates.add(message.getUpdateJob());
                case PING -> worker.send(ServerMessage.newBuilder().setPong(WorkerPong.newBuilder()
                        .setLastTimestamp(message.getPing().getTimestamp()).setTimestamp(System.currentTimeMillis())).build());
                default -> {
                }
            }
        });
        socket.closeHandler(closed -> registered.thenAccept(worker -> {
            worker.closed = true;
            workers.remove(worker);
        }));
    }

    /** Workers connected and registered now, in registration order. */
    public List<Worker> workers() {
        return List.copyOf(workers);
    }

    public List<UpdateJobStatus> jobUpdates() {
        return List.copyOf(jobUpdates);
    }

    public List<UpdateJobStatus> jobUpdates(String jobId) {
        return jobUpdates.stream().filter(u -> u.getJobId().equals(jobId)).toList();
    }

    /** The URL put in assignments (LiveKit sends one when the room lives elsewhere); empty: none. */
    public void assignmentUrl(String url) {
        this.assignmentUrl = url;
    }

    /** Dispatches a room job with this metadata to the first registered worker, as LiveKit does for an explicit dispatch. */
    public Dispatch dispatch(String roomName, String metadata) throws Exception {
        Worker worker = workers.stream().findFirst().orElseThrow(() -> new IllegalStateException("no worker registered"));
        return dispatch(worker, roomName, metadata);
    }

    public Dispatch dispatch(Worker worker, String roomName, String metadata) throws Exception {
        Job job = Job.newBuilder().setId("AJ_" + ids.incrementAndGet()).setDispatchId("AD_" + roomName).setType(JobType.JT_ROOM)
                .setRoom(Room.newBuilder().setSid("RM_" + roomName).setName(roomName)).setMetadata(metadata)
                .setAgentName(worker.registration.getAgentName()).build();
        CompletableFuture<AvailabilityResponse> answer = new CompletableFuture<>();
        worker.asked.put(job.getId(), answer);
        worker.send(ServerMessage.newBuilder().setAvailability(AvailabilityRequest.newBuilder().setJob(job)).build());
        AvailabilityResponse response;
        try {
            response = answer.get(AVAILABILITY_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            worker.asked.remove(job.getId());
            return new Dispatch(job, Optional.empty(), Optional.empty());
        }
        if (!response.getAvailable()) {
            return new Dispatch(job, Optional.of(response), Optional.empty());
        }
        String token = livekit.agentToken(roomName, response.getParticipantIdentity());
        JobAssignment.Builder assignment = JobAssignment.newBuilder().setJob(job).setToken(token);
        if (!assignmentUrl.isEmpty()) {
            assignment.setUrl(assignmentUrl);
        }
        worker.send(ServerMessage.newBuilder().setAssignment(assignment).build());
        return new Dispatch(job, Optional.of(response), Optional.of(token));
    }

    /** LiveKit ends a job (the room closed, or the dispatch was deleted). */
    public void terminate(String jobId) {
        workers.forEach(worker -> worker.send(ServerMessage.newBuilder().setTermination(JobTermination.newBuilder().setJobId(jobId))
                .build()));
    }

    /** Drops every worker connection at once, as a crashing server does. */
    public void dropConnections() {
        workers.forEach(worker -> worker.socket.close((short) 1001, "going away"));
    }

    /** Whether the last status a worker reported is this one. */
    public static boolean reported(Worker worker, WorkerStatus status) {
        return worker.lastStatus().map(s -> s.getStatus() == status).orElse(false);
    }
}
