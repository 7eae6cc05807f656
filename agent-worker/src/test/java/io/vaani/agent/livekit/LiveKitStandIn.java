package io.vaani.agent.livekit;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.audio.AudioDeviceModule;
import dev.onvoid.webrtc.media.audio.AudioLayer;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import io.livekit.server.AccessToken;
import io.livekit.server.Agent;
import io.livekit.server.CanUpdateOwnMetadata;
import io.livekit.server.RoomJoin;
import io.livekit.server.RoomName;
import io.vaani.agent.audio.AudioFrame;
import livekit.LivekitRoom.DeleteRoomRequest;
import livekit.LivekitRoom.DeleteRoomResponse;
import livekit.LivekitSip.TransferSIPParticipantRequest;
import io.vaani.agent.audio.Resampler;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import com.google.protobuf.Empty;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A LiveKit server for tests: checks access tokens as LiveKit does, serves {@code /rtc} with real
 * webrtc-java peer connections acting as the SFU and the phone caller, and hands {@code /agent}
 * websockets to a pluggable handler. {@link #stop()} and {@link #start()} restart it on the same port.
 */
public final class LiveKitStandIn implements AutoCloseable {

    public static final String API_KEY = "APIstandin";
    public static final String API_SECRET = "stand-in-secret-of-at-least-thirty-two-chars";

    private final Vertx vertx = Vertx.vertx();
    private final Map<String, StandInRoom> rooms = new ConcurrentHashMap<>();
    private final AudioDeviceModule sendingDevice = new AudioDeviceModule(AudioLayer.kDummyAudio);
    private final HeadlessAudioDeviceModule receivingDevice = new HeadlessAudioDeviceModule();
    // Two factories for the reason RoomMedia has two: pushed audio and headless capture must never share one.
    private final PeerConnectionFactory sendingFactory = new PeerConnectionFactory(sendingDevice);
    private final PeerConnectionFactory receivingFactory = new PeerConnectionFactory(receivingDevice);
    private final StandInPacer pacer = new StandInPacer();
    private volatile Handler<ServerWebSocket> agentHandler = socket -> socket.close((short) 1011, "no /agent handler");
    private volatile AudioFrame callerSpeech;
    private volatile int pingInterval = 5;
    private volatile int pingTimeout = 15;
    private HttpServer server;
    private final AtomicInteger refusedAgentTokens = new AtomicInteger();
    private final java.util.List<String> deletedRooms = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final java.util.List<TransferSIPParticipantRequest> transfers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile long lastTransferNanos;
    private int port;

    public LiveKitStandIn() {
        start();
    }

    /** Listens again, on the port of the first start. */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        HttpServer created = vertx.createHttpServer().requestHandler(this::request);
        try {
            server = created.listen(port).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the stand-in could not listen on port " + port, e);
        }
        port = server.actualPort();
    }

    /** Stops listening and drops every connection; rooms are kept. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the stand-in did not stop", e);
        }
        server = null;
    }

    /** Worker connections refused for their token. */
    public int refusedAgentTokens() {
        return refusedAgentTokens.get();
    }

    public URI url() {
        return URI.create("ws://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    /** Who serves {@code /agent} websockets (the worker protocol side); the token was checked before. */
    public void agentHandler(Handler<ServerWebSocket> handler) {
        this.agentHandler = handler;
    }

    /** The ping interval and timeout announced in join responses, in seconds. */
    public void pings(int intervalSeconds, int timeoutSeconds) {
        this.pingInterval = intervalSeconds;
        this.pingTimeout = timeoutSeconds;
    }

    /** A room with a SIP caller ({@code sip_+15551230000}) whose microphone plays real speech. */
    public StandInRoom createRoom(String name) {
        return createRoom(name, "+15551230000");
    }

    /** A room with a SIP caller of that number, or with nobody when {@code callerPhone} is null. */
    public StandInRoom createRoom(String name, String callerPhone) {
        StandInRoom room = new StandInRoom(name, callerPhone);
        rooms.put(name, room);
        return room;
    }

    public StandInRoom room(String name) {
        return rooms.get(name);
    }

    /** A token for joining {@code room} as a LiveKit agent participant would get one. */
    public String agentToken(String room, String identity) {
        AccessToken token = new AccessToken(API_KEY, API_SECRET);
        token.setIdentity(identity);
        token.setName("Vaani agent");
        token.addGrants(new RoomJoin(true), new RoomName(room), new Agent(true), new CanUpdateOwnMetadata(true));
        return token.toJwt();
    }

    private void request(HttpServerRequest request) {
        switch (request.path()) {
            case "/rtc" -> joinRoom(request);
            case "/twirp/livekit.RoomService/DeleteRoom" -> twirp(request, "roomCreate", body -> {
                String name = DeleteRoomRequest.parseFrom(body).getRoom();
                deletedRooms.add(name);
                StandInRoom room = rooms.get(name);
                if (room != null) {
                    room.delete();
                }
                return DeleteRoomResponse.getDefaultInstance().toByteArray();
            });
            case "/twirp/livekit.SIP/TransferSIPParticipant" -> twirp(request, "roomAdmin", body -> {
                TransferSIPParticipantRequest transfer = TransferSIPParticipantRequest.parseFrom(body);
                lastTransferNanos = System.nanoTime();
                transfers.add(transfer);
                StandInRoom room = rooms.get(transfer.getRoomName());
                if (room != null) {
                    room.callerLeaves(); // the callee is on the line with the transfer target now
                }
                return Empty.getDefaultInstance().toByteArray();
            });
            case "/agent" -> {
                DecodedJWT token = verified(bearer(request));
                if (token == null || !Boolean.TRUE.equals(video(token).get("agent"))) {
                    refusedAgentTokens.incrementAndGet();
                    request.response().setStatusCode(401).end("invalid token: no agent grant");
                    return;
                }
                request.toWebSocket().onSuccess(socket -> agentHandler.handle(socket));
            }
            default -> request.response().setStatusCode(404).end();
        }
    }

    private interface TwirpMethod {
        byte[] answer(byte[] body) throws Exception;
    }

    /** A Twirp call as LiveKit serves it: protobuf in and out, a bearer token with the method's video grant. */
    private void twirp(HttpServerRequest request, String grant, TwirpMethod method) {
        DecodedJWT token = verified(bearer(request));
        if (token == null || !Boolean.TRUE.equals(video(token).get(grant))) {
            request.response().setStatusCode(401).putHeader("Content-Type", "application/json")
                    .end("{\"code\":\"unauthenticated\",\"msg\":\"permissions denied\"}");
            return;
        }
        request.body().onSuccess(body -> {
            try {
                byte[] answer = method.answer(body.getBytes());
                request.response().putHeader("Content-Type", "application/protobuf").end(io.vertx.core.buffer.Buffer.buffer(answer));
            } catch (Exception e) {
                request.response().setStatusCode(400).putHeader("Content-Type", "application/json")
                        .end("{\"code\":\"malformed\",\"msg\":\"" + e.getMessage() + "\"}");
            }
        });
    }

    /** Rooms deleted through the API (an agent hanging up), in order. */
    public java.util.List<String> deletedRooms() {
        return java.util.List.copyOf(deletedRooms);
    }

    /** SIP transfers asked through the API, in order. */
    public java.util.List<TransferSIPParticipantRequest> transfers() {
        return java.util.List.copyOf(transfers);
    }

    /** When the last SIP transfer was asked ({@link System#nanoTime()}), 0 before any. */
    public long lastTransferNanos() {
        return lastTransferNanos;
    }

    private void joinRoom(HttpServerRequest request) {
        String raw = request.getParam("access_token");
        DecodedJWT token = verified(raw == null ? bearer(request) : raw);
        if (token == null) {
            request.response().setStatusCode(401).end("invalid token");
            return;
        }
        Map<String, Object> video = video(token);
        Object roomName = video.get("room");
        if (!Boolean.TRUE.equals(video.get("roomJoin")) || !(roomName instanceof String name) || name.isEmpty()) {
            request.response().setStatusCode(401).end("permissions denied: no roomJoin grant");
            return;
        }
        StandInRoom room = rooms.computeIfAbsent(name, absent -> new StandInRoom(absent, null)); // LiveKit creates rooms on join
        String identity = token.getSubject();
        String displayName = token.getClaim("name").isMissing() ? identity : token.getClaim("name").asString();
        boolean agent = Boolean.TRUE.equals(video.get("agent"));
        request.toWebSocket().onSuccess(socket ->
                new StandInSession(this, room, socket, request.connection(), identity, displayName, agent).start());
    }

    /** The token if signed with our secret by our key and in date, else null. */
    private DecodedJWT verified(String token) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        try {
            return JWT.require(Algorithm.HMAC256(API_SECRET)).withIssuer(API_KEY).build().verify(token);
        } catch (JWTVerificationException e) {
            return null;
        }
    }

    private static Map<String, Object> video(DecodedJWT token) {
        Map<String, Object> video = token.getClaim("video").asMap();
        return video == null ? Map.of() : video;
    }

    private static String bearer(HttpServerRequest request) {
        String header = request.getHeader("Authorization");
        return header != null && header.startsWith("Bearer ") ? header.substring(7) : null;
    }

    PeerConnectionFactory sendingFactory() {
        return sendingFactory;
    }

    PeerConnectionFactory receivingFactory() {
        return receivingFactory;
    }

    StandInPacer pacer() {
        return pacer;
    }

    int pingInterval() {
        return pingInterval;
    }

    int pingTimeout() {
        return pingTimeout;
    }

    /** The caller's speech at 48 kHz, the rate of the stand-in's microphones. */
    AudioFrame callerSpeech() {
        if (callerSpeech == null) {
            callerSpeech = new Resampler(SpeechWav.caller().sampleRate(), 48_000).process(SpeechWav.caller());
        }
        return callerSpeech;
    }

    @Override
    public void close() {
        stop();
        rooms.values().forEach(room -> room.sessions().forEach(session -> {
            try {
                session.ended().get(5, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // a session that cannot clean up within seconds leaves its natives to the process exit
            }
        }));
        pacer.close();
        vertx.close();
        // The factories are not disposed: webrtc-java 0.14 keeps a reference per closed peer connection.
    }
}
