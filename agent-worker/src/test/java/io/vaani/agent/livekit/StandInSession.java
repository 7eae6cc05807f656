package io.vaani.agent.livekit;

import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCBundlePolicy;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCDataChannelBuffer;
import dev.onvoid.webrtc.RTCDataChannelInit;
import dev.onvoid.webrtc.RTCDataChannelObserver;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCRtpSender;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.RTCRtpTransceiverDirection;
import dev.onvoid.webrtc.RTCRtpTransceiverInit;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.audio.AudioTrackSink;
import dev.onvoid.webrtc.media.audio.CustomAudioSource;
import io.vaani.agent.audio.AudioFrame;
import io.vaani.agent.audio.PcmBytes;
import io.vaani.agent.room.IceCandidates;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.ServerWebSocket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import livekit.LivekitModels.DataPacket;
import livekit.LivekitModels.DisconnectReason;
import livekit.LivekitModels.ParticipantInfo;
import livekit.LivekitModels.Room;
import livekit.LivekitModels.TrackInfo;
import livekit.LivekitModels.TrackType;
import livekit.LivekitRtc.AddTrackRequest;
import livekit.LivekitRtc.JoinResponse;
import livekit.LivekitRtc.LeaveRequest;
import livekit.LivekitRtc.ParticipantUpdate;
import livekit.LivekitRtc.Pong;
import livekit.LivekitRtc.SessionDescription;
import livekit.LivekitRtc.SignalRequest;
import livekit.LivekitRtc.SignalResponse;
import livekit.LivekitRtc.SignalTarget;
import livekit.LivekitRtc.TrackPublishedResponse;
import livekit.LivekitRtc.TrickleRequest;
import org.jboss.logging.Logger;

/**
 * One participant's {@code /rtc} session with the stand-in, which plays LiveKit's SFU: it offers the
 * caller's audio on the subscriber peer connection, answers the participant's publisher offers, records
 * the audio and data it publishes, and answers pings. Requests are handled one at a time, in order.
 */
public final class StandInSession {

    private static final Logger LOG = Logger.getLogger(StandInSession.class);
    private static final AtomicInteger IDS = new AtomicInteger();

    private final LiveKitStandIn server;
    private final StandInRoom room;
    private final ServerWebSocket socket;
    private final HttpConnection connection;
    private final ParticipantInfo participant;
    private final ExecutorService requests = Executors.newSingleThreadExecutor(Thread.ofVirtual().factory());
    private final RecordedAudio agentAudio = new RecordedAudio();
    private final List<ReceivedTranscript> transcripts = new CopyOnWriteArrayList<>();
    private final List<Map<String, String>> attributeUpdates = new CopyOnWriteArrayList<>();
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private final List<TrackInfo> publishedTracks = new CopyOnWriteArrayList<>();
    private final List<RTCDataChannel> channels = new CopyOnWriteArrayList<>();
    private final TextStreamAssembler streams = new TextStreamAssembler(transcripts::add);
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private final CompletableFuture<LeaveRequest> clientLeave = new CompletableFuture<>();
    private final AtomicInteger pings = new AtomicInteger();
    private final AtomicInteger offers = new AtomicInteger();
    private volatile boolean responding = true;
    private RTCPeerConnection subscriber;
    private RTCPeerConnection publisher;
    private CustomAudioSource callerSource;
    private AudioTrack callerTrack;
    private RTCRtpSender callerSender;
    private CallerPlayback playback;
    private AudioTrack agentTrack;
    private final AudioTrackSink agentSink = this::agentAudio;
    private final List<RTCIceCandidate> heldPublisherCandidates = new ArrayList<>();

    StandInSession(LiveKitStandIn server, StandInRoom room, ServerWebSocket socket, HttpConnection connection,
            String identity, String name, boolean agent) {
        this.server = server;
        this.room = room;
        this.socket = socket;
        this.connection = connection;
        this.participant = ParticipantInfo.newBuilder()
                .setSid("PA_standin" + IDS.incrementAndGet())
                .setIdentity(identity)
                .setName(name)
                .setKind(agent ? ParticipantInfo.Kind.AGENT : ParticipantInfo.Kind.STANDARD)
                .setState(ParticipantInfo.State.JOINED)
                .setJoinedAt(System.currentTimeMillis() / 1000)
                .setVersion(1)
                .build();
    }

    void start() {
        room.joined(this);
        socket.binaryMessageHandler(buffer -> {
            byte[] bytes = buffer.getBytes();
            requests.execute(() -> handle(bytes));
        });
        socket.closeHandler(ignored -> requests.execute(this::cleanUp));
        requests.execute(this::join);
    }

    // ---- what tests read and do ----

    public String identity() {
        return participant.getIdentity();
    }

    public RecordedAudio agentAudio() {
        return agentAudio;
    }

    public List<ReceivedTranscript> transcripts() {
        return List.copyOf(transcripts);
    }

    /** Every attribute update the participant sent, in order, as sent. */
    public List<Map<String, String>> attributeUpdates() {
        return List.copyOf(attributeUpdates);
    }

    public synchronized Map<String, String> attributes() {
        return Map.copyOf(attributes);
    }

    public List<TrackInfo> publishedTracks() {
        return List.copyOf(publishedTracks);
    }

    public int pingsReceived() {
        return pings.get();
    }

    /** Completes with the participant's own leave request, if it sends one. */
    public CompletableFuture<LeaveRequest> clientLeave() {
        return clientLeave;
    }

    /** Completes when the session's websocket has closed and its peer connections are released. */
    public CompletableFuture<Void> ended() {
        return ended;
    }

    /** When the caller's speech started playing to this participant (System.nanoTime), or 0 before. */
    public long callerSpeechStartedNanos() {
        CallerPlayback current = playback;
        return current == null ? 0 : current.startedNanos();
    }

    /** The caller says this (after whatever it is still saying); false if its line is not up yet. */
    public boolean callerSays(AudioFrame speech) {
        CallerPlayback current = playback;
        if (current == null) {
            return false;
        }
        current.say(new io.vaani.agent.audio.Resampler(speech.sampleRate(), 48_000).process(speech).samples());
        return true;
    }

    /** Whether the caller has said everything it was given. */
    public boolean callerSilent() {
        CallerPlayback current = playback;
        return current != null && current.done();
    }

    /** Drops the TCP connection without a close frame, as a network failure would. */
    public void dropSocket() {
        connection.close();
    }

    /** From now on ignores every request, pings included, while keeping the connection open. */
    public void stopResponding() {
        responding = false;
    }

    // ---- signalling ----

    private void join() {
        JoinResponse.Builder join = JoinResponse.newBuilder()
                .setRoom(Room.newBuilder().setSid(room.sid()).setName(room.name()))
                .setParticipant(participant)
                .setSubscriberPrimary(true)
                .setServerVersion("stand-in")
                .setPingInterval(server.pingInterval())
                .setPingTimeout(server.pingTimeout());
        ParticipantInfo caller = room.caller();
        if (caller != null) {
            join.addOtherParticipants(caller);
        }
        send(SignalResponse.newBuilder().setJoin(join).build());
        offerSubscriber(caller);
    }

    /** As LiveKit does right after the join: the subscriber connection, with the caller's track if there is one. */
    private void offerSubscriber(ParticipantInfo caller) {
        subscriber = server.sendingFactory().createPeerConnection(configuration(), observer(SignalTarget.SUBSCRIBER));
        RTCDataChannel serverData = subscriber.createDataChannel("_reliable", new RTCDataChannelInit());
        channels.add(serverData);
        if (caller != null) {
            callerSource = new CustomAudioSource();
            callerTrack = server.sendingFactory().createAudioTrack(room.callerTrackSid(), callerSource);
            RTCRtpTransceiverInit init = new RTCRtpTransceiverInit();
            init.direction = RTCRtpTransceiverDirection.SEND_ONLY;
            init.streamIds = List.of(caller.getSid() + "|" + room.callerTrackSid());
            callerSender = subscriber.addTransceiver(callerTrack, init).getSender();
        }
        RTCSessionDescription offer = Sdp.offer(subscriber);
        send(SignalResponse.newBuilder().setOffer(SessionDescription.newBuilder()
                .setType("offer").setSdp(offer.sdp).setId(offers.incrementAndGet())).build());
    }

    private void handle(byte[] bytes) {
        if (!responding) {
            return;
        }
        try {
            SignalRequest request = SignalRequest.parseFrom(bytes);
            switch (request.getMessageCase()) {
                case ANSWER -> Sdp.setRemote(subscriber, new RTCSessionDescription(RTCSdpType.ANSWER, request.getAnswer().getSdp()));
                case OFFER -> answerPublisher(request.getOffer());
                case TRICKLE -> trickle(request.getTrickle());
                case ADD_TRACK -> publishTrack(request.getAddTrack());
                case UPDATE_METADATA -> updateAttributes(request.getUpdateMetadata().getAttributesMap());
                case PING -> send(SignalResponse.newBuilder().setPong(System.currentTimeMillis()).build());
                case PING_REQ -> {
                    pings.incrementAndGet();
                    send(SignalResponse.newBuilder().setPongResp(Pong.newBuilder()
                            .setLastPingTimestamp(request.getPingReq().getTimestamp())
                            .setTimestamp(System.currentTimeMillis())).build());
                }
                case LEAVE -> {
                    clientLeave.complete(request.getLeave());
                    socket.close();
                }
                default -> {
                }
            }
        } catch (Exception e) {
            LOG.warnf(e, "stand-in: request failed");
        }
    }

    private void answerPublisher(SessionDescription offer) {
        if (publisher == null) {
            publisher = server.receivingFactory().createPeerConnection(configuration(), observer(SignalTarget.PUBLISHER));
        }
        RTCSessionDescription answer = Sdp.answer(publisher, offer.getSdp());
        send(SignalResponse.newBuilder().setAnswer(SessionDescription.newBuilder()
                .setType("answer").setSdp(answer.sdp).setId(offer.getId())).build());
        heldPublisherCandidates.forEach(publisher::addIceCandidate);
        heldPublisherCandidates.clear();
    }

    private void trickle(TrickleRequest trickle) {
        RTCIceCandidate candidate = IceCandidates.fromJson(trickle.getCandidateInit());
        if (trickle.getTarget() == SignalTarget.SUBSCRIBER) {
            subscriber.addIceCandidate(candidate);
        } else if (publisher == null) {
            heldPublisherCandidates.add(candidate);
        } else {
            publisher.addIceCandidate(candidate);
        }
    }

    private void publishTrack(AddTrackRequest request) {
        TrackInfo track = TrackInfo.newBuilder()
                .setSid("TR_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12))
                .setType(request.getType()).setSource(request.getSource()).setName(request.getName())
                .setMimeType(request.getType() == TrackType.AUDIO ? "audio/opus" : "")
                .build();
        publishedTracks.add(track);
        send(SignalResponse.newBuilder().setTrackPublished(TrackPublishedResponse.newBuilder()
                .setCid(request.getCid()).setTrack(track)).build());
    }

    private void updateAttributes(Map<String, String> update) {
        attributeUpdates.add(Map.copyOf(update));
        synchronized (this) {
            update.forEach((key, value) -> {
                if (value.isEmpty()) {
                    attributes.remove(key);
                } else {
                    attributes.put(key, value);
                }
            });
        }
        // LiveKit echoes the participant's new state to everyone, itself included.
        send(SignalResponse.newBuilder().setUpdate(ParticipantUpdate.newBuilder()
                .addParticipants(participant.toBuilder().putAllAttributes(attributes()).setVersion(1 + attributeUpdates.size())))
                .build());
    }

    void callerLeft(ParticipantInfo gone) {
        requests.execute(() -> {
            if (playback != null) {
                playback.stop();
            }
            send(SignalResponse.newBuilder().setUpdate(ParticipantUpdate.newBuilder().addParticipants(gone)).build());
        });
    }

    void leave(DisconnectReason reason) {
        requests.execute(() -> {
            send(SignalResponse.newBuilder().setLeave(LeaveRequest.newBuilder()
                    .setReason(reason).setAction(LeaveRequest.Action.DISCONNECT).setCanReconnect(false)).build());
            socket.close();
        });
    }

    private void send(SignalResponse response) {
        if (!socket.isClosed()) {
            socket.writeBinaryMessage(Buffer.buffer(response.toByteArray()));
        }
    }

    // ---- media ----

    private RTCConfiguration configuration() {
        RTCConfiguration configuration = new RTCConfiguration();
        configuration.bundlePolicy = RTCBundlePolicy.MAX_BUNDLE;
        return configuration;
    }

    private PeerConnectionObserver observer(SignalTarget target) {
        return new PeerConnectionObserver() {
            @Override
            public void onIceCandidate(RTCIceCandidate candidate) {
                send(SignalResponse.newBuilder().setTrickle(TrickleRequest.newBuilder()
                        .setCandidateInit(IceCandidates.toJson(candidate)).setTarget(target)).build());
            }

            @Override
            public void onConnectionChange(RTCPeerConnectionState state) {
                if (target == SignalTarget.SUBSCRIBER && state == RTCPeerConnectionState.CONNECTED && callerSource != null) {
                    requests.execute(StandInSession.this::startCallerSpeech);
                }
            }

            @Override
            public void onTrack(RTCRtpTransceiver transceiver) {
                if (transceiver.getReceiver().getTrack() instanceof AudioTrack audio) {
                    requests.execute(() -> {
                        agentTrack = audio;
                        agentTrack.addSink(agentSink);
                    });
                }
            }

            @Override
            public void onDataChannel(RTCDataChannel channel) {
                channels.add(channel);
                channel.registerObserver(new RTCDataChannelObserver() {
                    @Override
                    public void onBufferedAmountChange(long previousAmount) {
                    }

                    @Override
                    public void onStateChange() {
                    }

                    @Override
                    public void onMessage(RTCDataChannelBuffer buffer) {
                        ByteBuffer data = buffer.data;
                        byte[] bytes = new byte[data.remaining()];
                        data.get(bytes);
                        try {
                            streams.accept(DataPacket.parseFrom(bytes));
                        } catch (Exception e) {
                            LOG.warnf(e, "stand-in: unreadable data packet");
                        }
                    }
                });
            }
        };
    }

    private void startCallerSpeech() {
        if (playback == null && callerSource != null && room.caller() != null && !ended.isDone()) {
            playback = new CallerPlayback(callerSource, room.opening() == null ? server.callerSpeech()
                    : new io.vaani.agent.audio.Resampler(room.opening().sampleRate(), 48_000).process(room.opening()));
            server.pacer().add(playback);
        }
    }

    private void agentAudio(byte[] data, int bits, int rate, int channels, int frames) {
        short[] mono = new short[frames];
        PcmBytes.toMono(data, channels, frames, mono);
        agentAudio.add(new AudioFrame(mono, rate));
    }

    private void cleanUp() {
        if (ended.isDone()) {
            return;
        }
        room.left(this);
        if (playback != null) {
            server.pacer().remove(playback);
        }
        if (agentTrack != null) {
            agentTrack.removeSink(agentSink);
        }
        for (RTCDataChannel channel : channels) {
            channel.unregisterObserver();
            channel.close();
        }
        if (callerSender != null) {
            subscriber.removeTrack(callerSender);
        }
        if (subscriber != null) {
            subscriber.close();
        }
        if (publisher != null) {
            publisher.close();
        }
        if (callerTrack != null) {
            callerTrack.dispose();
            callerSource.dispose();
        }
        requests.shutdown();
        ended.complete(null);
    }
}
