package io.vaani.agent.room;

import dev.onvoid.webrtc.RTCBundlePolicy;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCDataChannelBuffer;
import dev.onvoid.webrtc.RTCDataChannelInit;
import dev.onvoid.webrtc.RTCDataChannelObserver;
import dev.onvoid.webrtc.RTCDataChannelState;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCIceServer;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCRtpSender;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.RTCRtpTransceiverDirection;
import dev.onvoid.webrtc.RTCRtpTransceiverInit;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.media.MediaStreamTrack;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.audio.CustomAudioSource;
import io.vaani.agent.audio.AudioFrame;
import io.vaani.agent.livekit.LiveKitUrls;
import io.vaani.agent.livekit.ProtobufSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import livekit.LivekitModels.DataPacket;
import livekit.LivekitModels.DisconnectReason;
import livekit.LivekitModels.ParticipantInfo;
import livekit.LivekitModels.TrackInfo;
import livekit.LivekitModels.TrackSource;
import livekit.LivekitModels.TrackType;
import livekit.LivekitRtc.AddTrackRequest;
import livekit.LivekitRtc.JoinResponse;
import livekit.LivekitRtc.LeaveRequest;
import livekit.LivekitRtc.Ping;
import livekit.LivekitRtc.SessionDescription;
import livekit.LivekitRtc.SignalRequest;
import livekit.LivekitRtc.SignalResponse;
import livekit.LivekitRtc.SignalTarget;
import livekit.LivekitRtc.TrickleRequest;
import livekit.LivekitRtc.UpdateParticipantMetadata;
import org.jboss.logging.Logger;

/**
 * The agent's session in one LiveKit room, spoken over {@code /rtc} as LiveKit's client SDKs do:
 * the JoinResponse, a subscriber peer connection the server offers (the caller's audio comes in
 * there), a publisher peer connection we offer (our microphone and the {@code _reliable} and
 * {@code _lossy} data channels), trickled ICE both ways, pings, participant updates and leave.
 *
 * <p>Signal messages and session changes run one at a time on the room's own virtual thread, in the
 * order the server sent them; libwebrtc's callbacks only hand work to it. A failure ends this room
 * and nothing else. Resuming a dropped signal connection is not attempted: the session then ends
 * with {@link Disconnection.SignalLost}.
 */
public final class Room implements AutoCloseable {

    /** The signal protocol version spoken; the bundled protobufs know later ones too. */
    static final int PROTOCOL_VERSION = 15;
    static final String SDK_VERSION = "0.1.0";
    private static final Duration LEAVE_GRACE = Duration.ofMillis(250);
    private static final Logger LOG = Logger.getLogger(Room.class);
    private static final AtomicInteger ROOMS = new AtomicInteger();

    private final RoomMedia media;
    private final RoomOptions options;
    private final ExecutorService loop;
    private volatile Thread loopThread;
    private final CompletableFuture<JoinResponse> joined = new CompletableFuture<>();
    private final CompletableFuture<Void> primaryConnected = new CompletableFuture<>();
    private final CompletableFuture<Disconnection> disconnected = new CompletableFuture<>();
    private final AtomicBoolean tornDown = new AtomicBoolean();
    private final Map<String, ParticipantInfo> participants = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, RemoteParticipant> departed = new ConcurrentHashMap<>();
    private final Map<String, AudioTrack> remoteTracks = new ConcurrentHashMap<>();
    private final List<RemoteAudioReceiver> receivers = new CopyOnWriteArrayList<>();
    private final List<CompletableFuture<RemoteParticipant>> callerWaiters = new ArrayList<>();
    private final Map<String, List<CompletableFuture<RemoteParticipant>>> leaveWaiters = new HashMap<>();
    private final Map<String, CompletableFuture<TrackInfo>> pendingPublications = new ConcurrentHashMap<>();
    private final List<Published> microphones = new CopyOnWriteArrayList<>();
    private final List<RTCDataChannel> remoteChannels = new CopyOnWriteArrayList<>();
    private final ReentrantLock publisherNegotiation = new ReentrantLock();
    private final Object dataSending = new Object();
    private final Map<String, String> localAttributes = new ConcurrentHashMap<>();
    private final AtomicInteger requestIds = new AtomicInteger();
    private final AtomicInteger offerIds = new AtomicInteger();
    private final String localStreamId = UUID.randomUUID().toString();
    private volatile CompletableFuture<String> publisherAnswer = new CompletableFuture<>();
    private volatile boolean publisherNegotiated;
    private volatile long lastMessageNanos = System.nanoTime();
    private volatile long rttMillis;
    private final CompletableFuture<ProtobufSocket<SignalResponse>> socketReady = new CompletableFuture<>();
    private JoinResponse join;
    private PeerTransport publisher;
    private PeerTransport subscriber;
    private RTCDataChannel reliable;
    private RTCDataChannel lossy;
    private final CompletableFuture<Void> reliableOpen = new CompletableFuture<>();
    private ScheduledFuture<?> pinging;

    private record Published(MicrophoneTrack microphone, RTCRtpSender sender) {
    }

    private Room(RoomMedia media, RoomOptions options) {
        this.media = media;
        this.options = options;
        this.loop = Executors.newSingleThreadExecutor(task -> {
            Thread thread = Thread.ofVirtual().name("room-" + ROOMS.incrementAndGet()).unstarted(task);
            loopThread = thread;
            return thread;
        });
    }

    /**
     * Joins the room as the token's participant and returns once the server's primary peer connection
     * is up. Throws {@link RoomConnectException} when the server refuses the token, says leave at once,
     * or the websocket or media do not come up within {@link RoomOptions#connectTimeout()}.
     */
    public static Room connect(RoomMedia media, URI livekitUrl, String token, RoomOptions options) {
        Room room = new Room(media, options);
        try {
            room.open(rtcUri(livekitUrl, token));
            return room;
        } catch (RuntimeException e) {
            room.end(new Disconnection.SignalLost("join failed: " + e.getMessage()));
            throw e instanceof RoomConnectException connect ? connect : new RoomConnectException(e.getMessage(), e);
        }
    }

    static URI rtcUri(URI livekitUrl, String token) {
        String query = "access_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)
                + "&auto_subscribe=1&adaptive_stream=0&sdk=java&version=" + SDK_VERSION + "&protocol=" + PROTOCOL_VERSION;
        return URI.create(LiveKitUrls.websocket(livekitUrl.toString(), "rtc") + "?" + query);
    }

    private void open(URI uri) {
        long deadline = System.nanoTime() + options.connectTimeout().toNanos();
        try {
            ProtobufSocket.open(media.http(), uri, Map.of(), options.connectTimeout(), SignalResponse.parser(),
                    new ProtobufSocket.Listener<>() {
                        @Override
                        public void onMessage(SignalResponse message) {
                            lastMessageNanos = System.nanoTime();
                            onLoop(() -> handle(message));
                        }

                        @Override
                        public void onClosed(int code, String reason, Throwable failure) {
                            onLoop(() -> signalClosed(code, reason, failure));
                        }
                    }).whenComplete((socket, failure) -> {
                        if (socket != null) {
                            socketReady.complete(socket);
                        } else {
                            socketReady.completeExceptionally(failure);
                        }
                    });
            socketReady.get(remaining(deadline), TimeUnit.NANOSECONDS);
            joined.get(remaining(deadline), TimeUnit.NANOSECONDS);
            primaryConnected.get(remaining(deadline), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof RoomConnectException refusal) {
                throw refusal;
            }
            if (cause instanceof WebSocketHandshakeException refused) {
                int status = refused.getResponse().statusCode();
                Object body = refused.getResponse().body();
                throw new RoomConnectException("LiveKit refused the join: HTTP " + status + (body == null ? "" : " " + body),
                        status, cause);
            }
            throw new RoomConnectException("joining the room failed: " + cause.getMessage(), cause);
        } catch (TimeoutException e) {
            String stage = !socketReady.isDone() ? "the signal connection" : !joined.isDone() ? "the join response" : "the media connection";
            throw new RoomConnectException("timed out after " + options.connectTimeout().toMillis() + " ms waiting for " + stage, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RoomConnectException("interrupted while joining", e);
        }
    }

    private static long remaining(long deadline) {
        return Math.max(1, deadline - System.nanoTime());
    }

    // ---- the room's loop: signal messages in order ----

    private void onLoop(Runnable task) {
        try {
            loop.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.warnf(e, "room %s: session failed", roomName());
                    end(new Disconnection.MediaFailed(String.valueOf(e.getMessage())));
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException ignored) {
            // The room is over; late callbacks have nothing left to act on.
        }
    }

    private void handle(SignalResponse message) {
        if (tornDown.get()) {
            return;
        }
        socketReady.join(); // the first messages may overtake the completion of the opening handshake
        if (!joined.isDone()) {
            switch (message.getMessageCase()) {
                case JOIN -> configure(message.getJoin());
                case LEAVE -> joined.completeExceptionally(new RoomConnectException(
                        "LiveKit told us to leave while joining: " + message.getLeave().getReason(), null));
                default -> joined.completeExceptionally(new RoomConnectException(
                        "expected a join response, got " + message.getMessageCase(), null));
            }
            return;
        }
        switch (message.getMessageCase()) {
            case OFFER -> answerSubscriber(message.getOffer());
            case ANSWER -> publisherAnswer.complete(message.getAnswer().getSdp());
            case TRICKLE -> trickle(message.getTrickle());
            case UPDATE -> participantsUpdated(message.getUpdate().getParticipantsList());
            case TRACK_PUBLISHED -> {
                CompletableFuture<TrackInfo> pending = pendingPublications.remove(message.getTrackPublished().getCid());
                if (pending != null) {
                    pending.complete(message.getTrackPublished().getTrack());
                }
            }
            case LEAVE -> end(new Disconnection.ServerLeave(message.getLeave().getReason().name()));
            case PONG_RESP -> rttMillis = System.currentTimeMillis() - message.getPongResp().getLastPingTimestamp();
            default -> {
                // room updates, speakers, connection quality, mutes...: nothing the agent acts on
            }
        }
    }

    private void configure(JoinResponse response) {
        join = response;
        RTCConfiguration configuration = new RTCConfiguration();
        configuration.bundlePolicy = RTCBundlePolicy.MAX_BUNDLE;
        for (var server : response.getIceServersList()) {
            RTCIceServer ice = new RTCIceServer();
            ice.urls = List.copyOf(server.getUrlsList());
            ice.username = server.getUsername();
            ice.password = server.getCredential();
            configuration.iceServers.add(ice);
        }
        boolean subscriberPrimary = response.getSubscriberPrimary();
        publisher = new PeerTransport(media.sendingFactory(), configuration,
                state -> transportState("publisher", state, !subscriberPrimary),
                candidate -> sendTrickle(candidate, SignalTarget.PUBLISHER));
        subscriber = new PeerTransport(media.receivingFactory(), configuration, new PeerTransport.Events() {
            @Override
            public void onConnectionChange(RTCPeerConnectionState state) {
                transportState("subscriber", state, subscriberPrimary);
            }

            @Override
            public void onTrack(RTCRtpTransceiver transceiver) {
                MediaStreamTrack track = transceiver.getReceiver().getTrack();
                onLoop(() -> trackSubscribed(track));
            }

            @Override
            public void onDataChannel(RTCDataChannel channel) {
                // The server forwards other participants' data here; the agent reads none of it yet.
                remoteChannels.add(channel);
            }
        }, candidate -> sendTrickle(candidate, SignalTarget.SUBSCRIBER));
        reliable = publisher.connection().createDataChannel("_reliable", new RTCDataChannelInit());
        RTCDataChannelInit lossyInit = new RTCDataChannelInit();
        lossyInit.maxRetransmits = 0;
        lossy = publisher.connection().createDataChannel("_lossy", lossyInit);
        reliable.registerObserver(new RTCDataChannelObserver() {
            @Override
            public void onBufferedAmountChange(long previousAmount) {
            }

            @Override
            public void onStateChange() {
                if (reliable.getState() == RTCDataChannelState.OPEN) {
                    reliableOpen.complete(null);
                }
            }

            @Override
            public void onMessage(RTCDataChannelBuffer buffer) {
            }
        });
        response.getOtherParticipantsList().forEach(info -> participants.put(info.getSid(), info));
        localAttributes.putAll(response.getParticipant().getAttributesMap());
        startPinging(response);
        joined.complete(response);
        if (!subscriberPrimary) {
            // The publisher is the primary connection: negotiate it now, off the loop that must deliver its answer.
            Thread.ofVirtual().start(() -> {
                try {
                    ensurePublisherNegotiated();
                } catch (RuntimeException e) {
                    primaryConnected.completeExceptionally(e);
                }
            });
        }
    }

    private void transportState(String which, RTCPeerConnectionState state, boolean primary) {
        if (state == RTCPeerConnectionState.CONNECTED && primary) {
            primaryConnected.complete(null);
        } else if (state == RTCPeerConnectionState.FAILED) {
            primaryConnected.completeExceptionally(new RoomConnectException("the " + which + " peer connection failed", null));
            onLoop(() -> end(new Disconnection.MediaFailed(which + " peer connection failed")));
        }
    }

    private void answerSubscriber(SessionDescription offer) {
        RTCSessionDescription answer = subscriber.answer(offer.getSdp());
        send(SignalRequest.newBuilder().setAnswer(SessionDescription.newBuilder()
                .setType("answer").setSdp(answer.sdp).setId(offer.getId())).build());
        subscriber.descriptionSignalled();
    }

    private void trickle(TrickleRequest trickle) {
        RTCIceCandidate candidate = IceCandidates.fromJson(trickle.getCandidateInit());
        if (trickle.getTarget() == SignalTarget.PUBLISHER) {
            publisher.addRemoteCandidate(candidate);
        } else {
            subscriber.addRemoteCandidate(candidate);
        }
    }

    private void sendTrickle(RTCIceCandidate candidate, SignalTarget target) {
        send(SignalRequest.newBuilder().setTrickle(TrickleRequest.newBuilder()
                .setCandidateInit(IceCandidates.toJson(candidate)).setTarget(target)).build());
    }

    private void trackSubscribed(MediaStreamTrack track) {
        if (!(track instanceof AudioTrack audio)) {
            return;
        }
        // LiveKit names the subscribed track by its sid, which the participant updates list.
        remoteTracks.put(audio.getId(), audio);
        attachReceivers();
        resolveCallerWaiters();
    }

    private void participantsUpdated(List<ParticipantInfo> updates) {
        String localSid = join.getParticipant().getSid();
        for (ParticipantInfo info : updates) {
            if (info.getSid().equals(localSid)) {
                continue;
            }
            ParticipantInfo known = participants.get(info.getSid());
            if (known != null && known.getVersion() > info.getVersion()) {
                continue; // an older update overtaken by a newer one
            }
            if (info.getState() == ParticipantInfo.State.DISCONNECTED) {
                participants.remove(info.getSid());
                info.getTracksList().forEach(track -> remoteTracks.remove(track.getSid()));
                RemoteParticipant gone = toRemote(known != null ? known : info);
                departed.put(gone.identity(), gone);
                List<CompletableFuture<RemoteParticipant>> waiting = leaveWaiters.remove(gone.identity());
                if (waiting != null) {
                    waiting.forEach(waiter -> waiter.complete(gone));
                }
            } else {
                participants.put(info.getSid(), info);
                departed.remove(info.getIdentity());
            }
        }
        attachReceivers();
        resolveCallerWaiters();
    }

    private void attachReceivers() {
        for (RemoteAudioReceiver receiver : receivers) {
            participant(receiver.participantIdentity())
                    .map(RemoteParticipant::audioTrackSid)
                    .map(remoteTracks::get)
                    .ifPresent(receiver::attach);
        }
    }

    private void resolveCallerWaiters() {
        if (callerWaiters.isEmpty()) {
            return;
        }
        findCaller().ifPresent(caller -> {
            callerWaiters.forEach(waiter -> waiter.complete(caller));
            callerWaiters.clear();
        });
    }

    /** A SIP participant whose audio we receive; without any SIP participant, the first other non-agent one. */
    private Optional<RemoteParticipant> findCaller() {
        List<RemoteParticipant> everyone = participants();
        boolean sipPresent = everyone.stream().anyMatch(p -> p.kind() == ParticipantKind.SIP);
        return everyone.stream()
                .filter(p -> sipPresent ? p.kind() == ParticipantKind.SIP : p.kind() != ParticipantKind.AGENT)
                .filter(p -> p.audioTrackSid() != null && remoteTracks.containsKey(p.audioTrackSid()))
                .findFirst();
    }

    private void signalClosed(int code, String reason, Throwable failure) {
        String detail = "websocket closed (" + code + (reason == null || reason.isEmpty() ? "" : " " + reason) + ")"
                + (failure == null ? "" : ": " + failure.getMessage());
        joined.completeExceptionally(new RoomConnectException(detail, failure));
        end(new Disconnection.SignalLost(detail));
    }

    // ---- pings ----

    private void startPinging(JoinResponse response) {
        if (response.getPingInterval() <= 0) {
            return;
        }
        long timeoutNanos = TimeUnit.SECONDS.toNanos(Math.max(response.getPingTimeout(), 2L * response.getPingInterval()));
        pinging = media.timers().scheduleAtFixedRate(() -> onLoop(() -> {
            if (System.nanoTime() - lastMessageNanos > timeoutNanos) {
                end(new Disconnection.SignalLost("no message from the server for " + TimeUnit.NANOSECONDS.toSeconds(timeoutNanos) + " s"));
                return;
            }
            long now = System.currentTimeMillis();
            send(SignalRequest.newBuilder().setPing(now).build());
            send(SignalRequest.newBuilder().setPingReq(Ping.newBuilder().setTimestamp(now).setRtt(rttMillis)).build());
        }), response.getPingInterval(), response.getPingInterval(), TimeUnit.SECONDS);
    }

    // ---- public API ----

    public String name() {
        return join.getRoom().getName();
    }

    public String localIdentity() {
        return join.getParticipant().getIdentity();
    }

    public String localSid() {
        return join.getParticipant().getSid();
    }

    /** The other participants present now, in the order they came. */
    public List<RemoteParticipant> participants() {
        synchronized (participants) {
            return participants.values().stream().map(Room::toRemote).toList();
        }
    }

    public Optional<RemoteParticipant> participant(String identity) {
        return participants().stream().filter(p -> p.identity().equals(identity)).findFirst();
    }

    /**
     * Waits for the participant to talk to (a SIP participant if there is one, else the first other
     * non-agent participant) and for its audio track to be subscribed. Empty on timeout or when the room ends.
     */
    public Optional<RemoteParticipant> awaitCaller(Duration timeout) {
        CompletableFuture<RemoteParticipant> waiter = new CompletableFuture<>();
        onLoop(() -> {
            callerWaiters.add(waiter);
            resolveCallerWaiters();
        });
        disconnected.thenRun(() -> waiter.cancel(false));
        try {
            return Optional.of(waiter.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException | ExecutionException | java.util.concurrent.CancellationException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Completes when the participant leaves the room (at once if it already has); never if the room ends first. */
    public CompletableFuture<RemoteParticipant> left(String identity) {
        CompletableFuture<RemoteParticipant> waiter = new CompletableFuture<>();
        onLoop(() -> {
            RemoteParticipant gone = departed.get(identity);
            if (gone != null) {
                waiter.complete(gone);
            } else {
                leaveWaiters.computeIfAbsent(identity, key -> new ArrayList<>()).add(waiter);
            }
        });
        return waiter;
    }

    /**
     * Delivers the participant's audio to {@code sink} as mono PCM at {@code sampleRate}, 10 ms per frame,
     * in order, on a thread of the subscription's own. Starts whenever its audio track is subscribed.
     */
    public AudioSubscription receiveAudio(String participantIdentity, int sampleRate, Consumer<AudioFrame> sink) {
        RemoteAudioReceiver[] self = new RemoteAudioReceiver[1];
        RemoteAudioReceiver receiver = new RemoteAudioReceiver(participantIdentity, sampleRate, sink,
                () -> receivers.remove(self[0]));
        self[0] = receiver;
        receivers.add(receiver);
        onLoop(this::attachReceivers);
        return receiver;
    }

    /**
     * Publishes a microphone track fed at {@code sampleRate} and returns once the server accepted it and
     * the publisher connection carries it.
     */
    public AudioOutput publishMicrophone(int sampleRate) {
        if (sampleRate <= 0 || sampleRate % 100 != 0) {
            throw new IllegalArgumentException("the track rate must be a multiple of 100 Hz: " + sampleRate);
        }
        ensureOpen();
        String cid = UUID.randomUUID().toString();
        CustomAudioSource source = new CustomAudioSource();
        AudioTrack track = media.sendingFactory().createAudioTrack(cid, source);
        MicrophoneTrack microphone = new MicrophoneTrack(source, track, sampleRate);
        CompletableFuture<TrackInfo> confirmation = new CompletableFuture<>();
        pendingPublications.put(cid, confirmation);
        RTCRtpSender sender = null;
        try {
            send(SignalRequest.newBuilder().setAddTrack(AddTrackRequest.newBuilder()
                    .setCid(cid).setName("agent_microphone").setType(TrackType.AUDIO).setSource(TrackSource.MICROPHONE))
                    .build());
            TrackInfo info = confirmation.get(options.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
            microphone.published(info.getSid());
            RTCRtpTransceiverInit init = new RTCRtpTransceiverInit();
            init.direction = RTCRtpTransceiverDirection.SEND_ONLY;
            init.streamIds = List.of(localStreamId);
            sender = publisher.connection().addTransceiver(track, init).getSender();
            microphones.add(new Published(microphone, sender));
            negotiatePublisher();
            media.pacer().add(microphone);
            return microphone;
        } catch (TimeoutException e) {
            throw new IllegalStateException("LiveKit did not confirm the microphone track in time", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("publishing the microphone failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing", e);
        } finally {
            pendingPublications.remove(cid);
            if (sender == null) {
                disposeQuietly(track, source);
            }
        }
    }

    /** Sends a transcript segment as an {@code lk.transcription} text stream over the reliable data channel. */
    public void publishTranscription(TranscriptSegment segment) {
        ensureOpen();
        ensurePublisherNegotiated();
        try {
            reliableOpen.get(options.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the reliable data channel did not open", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the data channel", e);
        }
        synchronized (dataSending) {
            for (DataPacket packet : TranscriptionPackets.of(localIdentity(), segment)) {
                try {
                    reliable.send(new RTCDataChannelBuffer(ByteBuffer.wrap(packet.toByteArray()), true));
                } catch (Exception e) {
                    throw new IllegalStateException("sending on the reliable data channel failed: " + e.getMessage(), e);
                }
            }
        }
    }

    /** Sets (or, with an empty value, removes) attributes of our participant, e.g. {@code lk.agent.state}. */
    public void setAttributes(Map<String, String> attributes) {
        ensureOpen();
        attributes.forEach((key, value) -> {
            if (value.isEmpty()) {
                localAttributes.remove(key);
            } else {
                localAttributes.put(key, value);
            }
        });
        ParticipantInfo local = join.getParticipant();
        send(SignalRequest.newBuilder().setUpdateMetadata(UpdateParticipantMetadata.newBuilder()
                .setName(local.getName()).setMetadata(local.getMetadata())
                .putAllAttributes(attributes).setRequestId(requestIds.incrementAndGet())).build());
    }

    /** Completes once, with why the session ended. */
    public CompletionStage<Disconnection> disconnected() {
        return disconnected;
    }

    public boolean isConnected() {
        return !disconnected.isDone();
    }

    /** Leaves the room (a client-initiated leave) and releases its peer connections. */
    @Override
    public void close() {
        end(new Disconnection.ClosedByUs());
    }

    // ---- publisher negotiation ----

    private void ensurePublisherNegotiated() {
        if (!publisherNegotiated) {
            negotiatePublisher();
        }
    }

    /** One offer/answer round at a time; each round carries every track added so far. */
    private void negotiatePublisher() {
        publisherNegotiation.lock();
        try {
            ensureOpen();
            CompletableFuture<String> answer = new CompletableFuture<>();
            publisherAnswer = answer;
            RTCSessionDescription offer = publisher.offer();
            send(SignalRequest.newBuilder().setOffer(SessionDescription.newBuilder()
                    .setType("offer").setSdp(offer.sdp).setId(offerIds.incrementAndGet())).build());
            publisher.descriptionSignalled();
            String sdp = answer.get(options.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
            publisher.setRemote(new RTCSessionDescription(RTCSdpType.ANSWER, sdp));
            publisherNegotiated = true;
        } catch (TimeoutException e) {
            throw new IllegalStateException("LiveKit did not answer the publisher offer in time", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("publisher negotiation failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during publisher negotiation", e);
        } finally {
            publisherNegotiation.unlock();
        }
    }

    // ---- ending ----

    private void ensureOpen() {
        if (disconnected.isDone()) {
            throw new IllegalStateException("the room session has ended: " + disconnected.join());
        }
    }

    private void send(SignalRequest request) {
        ProtobufSocket<SignalResponse> current = socketReady.getNow(null);
        if (current != null) {
            current.send(request);
        }
    }

    /** Ends the session once, on the room's loop so that no signal message is being handled meanwhile. */
    private void end(Disconnection reason) {
        if (Thread.currentThread() == loopThread || loop.isShutdown()) {
            tearDown(reason);
            return;
        }
        try {
            loop.submit(() -> tearDown(reason)).get(5, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | java.util.concurrent.RejectedExecutionException e) {
            tearDown(reason); // the loop is stuck or gone: release the natives from here
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            tearDown(reason);
        }
    }

    private void tearDown(Disconnection reason) {
        if (!tornDown.compareAndSet(false, true)) {
            return;
        }
        LOG.debugf("room %s: session ended: %s", roomName(), reason);
        if (pinging != null) {
            pinging.cancel(false);
        }
        closeSignal(reason);
        receivers.forEach(RemoteAudioReceiver::close);
        for (Published published : microphones) {
            media.pacer().remove(published.microphone());
            published.microphone().close();
            try {
                publisher.connection().removeTrack(published.sender());
            } catch (RuntimeException e) {
                LOG.debugf(e, "removing the microphone track");
            }
        }
        closeChannel(reliable, true);
        closeChannel(lossy, true);
        remoteChannels.forEach(channel -> closeChannel(channel, false));
        if (publisher != null) {
            publisher.close();
        }
        if (subscriber != null) {
            subscriber.close();
        }
        microphones.forEach(published -> disposeQuietly(published.microphone().track(), published.microphone().source()));
        // webrtc-java 0.14 never frees a closed peer connection, whose observer leads back to this room:
        // let go of everything sizeable so that only the room's shell stays behind.
        remoteTracks.clear();
        microphones.clear();
        receivers.clear();
        remoteChannels.clear();
        RoomConnectException ended = new RoomConnectException("the room session ended: " + reason, null);
        joined.completeExceptionally(ended);
        primaryConnected.completeExceptionally(ended);
        publisherAnswer.completeExceptionally(ended);
        reliableOpen.completeExceptionally(ended);
        pendingPublications.values().forEach(pending -> pending.completeExceptionally(ended));
        callerWaiters.forEach(waiter -> waiter.cancel(false));
        callerWaiters.clear();
        disconnected.complete(reason);
        loop.shutdown();
    }

    private void closeSignal(Disconnection reason) {
        ProtobufSocket<SignalResponse> socket = socketReady.getNow(null);
        if (socket == null) {
            socketReady.thenAccept(ProtobufSocket::abort); // still opening: drop it when it opens
            return;
        }
        switch (reason) {
            case Disconnection.ClosedByUs closed -> {
                try {
                    socket.send(SignalRequest.newBuilder().setLeave(LeaveRequest.newBuilder()
                            .setReason(DisconnectReason.CLIENT_INITIATED).setAction(LeaveRequest.Action.DISCONNECT)).build())
                            .get(LEAVE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
                } catch (Exception e) {
                    LOG.debugf("room %s: leave not sent: %s", roomName(), e.getMessage());
                }
                socket.close();
            }
            case Disconnection.ServerLeave leave -> socket.close();
            case Disconnection.MediaFailed failed -> socket.close();
            case Disconnection.SignalLost lost -> socket.abort();
        }
    }

    private static void closeChannel(RTCDataChannel channel, boolean owned) {
        if (channel == null) {
            return;
        }
        try {
            channel.unregisterObserver();
            channel.close();
            if (owned) {
                channel.dispose();
            }
        } catch (RuntimeException | Error e) {
            LOG.debugf("closing data channel: %s", e.getMessage());
        }
    }

    private static void disposeQuietly(AudioTrack track, CustomAudioSource source) {
        try {
            track.dispose();
        } catch (Error e) {
            // libwebrtc still holds a reference (a sender); the reference we held is released all the same.
            LOG.debugf("audio track: %s", e.getMessage());
        }
        try {
            source.dispose();
        } catch (Error e) {
            LOG.debugf("audio source: %s", e.getMessage());
        }
    }

    private String roomName() {
        return join == null ? "(joining)" : join.getRoom().getName();
    }

    private static RemoteParticipant toRemote(ParticipantInfo info) {
        String audioTrack = info.getTracksList().stream()
                .filter(track -> track.getType() == TrackType.AUDIO)
                .map(TrackInfo::getSid)
                .findFirst().orElse(null);
        return new RemoteParticipant(info.getSid(), info.getIdentity(), info.getName(), ParticipantKind.of(info.getKind()),
                Map.copyOf(info.getAttributesMap()), audioTrack);
    }
}
