package io.vaani.testing.livekit;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import livekit.LivekitAgentDispatch.AgentDispatch;
import livekit.LivekitAgentDispatch.CreateAgentDispatchRequest;
import livekit.LivekitRoom.DeleteRoomRequest;
import livekit.LivekitRoom.DeleteRoomResponse;
import livekit.LivekitSip.CreateSIPOutboundTrunkRequest;
import livekit.LivekitSip.CreateSIPParticipantRequest;
import livekit.LivekitSip.DeleteSIPTrunkRequest;
import livekit.LivekitSip.SIPOutboundTrunkInfo;
import livekit.LivekitSip.SIPParticipantInfo;
import livekit.LivekitSip.SIPTrunkInfo;
import livekit.LivekitSip.UpdateSIPOutboundTrunkRequest;

/**
 * A stand-in LiveKit server speaking Twirp as LiveKit does: protobuf requests read with the SDK's
 * generated classes, bearer tokens checked as LiveKit checks them (HS256 signed with the API secret,
 * issued by the API key, in date, carrying the grant the method needs), and scripted answers: a
 * protobuf result, a Twirp error, or either after a delay (the phone ringing).
 */
public final class LiveKitTwirpServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A Twirp method: its request type, who may call it, and what it answers unless scripted otherwise. */
    public record Rpc<Q extends Message>(String path, Parser<Q> parser, BiPredicate<Q, DecodedJWT> permitted,
            Function<Q, Message> success) {
    }

    public static final Rpc<CreateSIPParticipantRequest> CREATE_SIP_PARTICIPANT = new Rpc<>(
            "/twirp/livekit.SIP/CreateSIPParticipant", CreateSIPParticipantRequest.parser(),
            (request, token) -> granted(token, "sip", "call") || granted(token, "sip", "admin"),
            request -> SIPParticipantInfo.newBuilder().setParticipantId("PA_" + request.getParticipantIdentity())
                    .setParticipantIdentity(request.getParticipantIdentity()).setRoomName(request.getRoomName())
                    .setSipCallId("SCL_" + request.getParticipantIdentity()).build());

    /** An agent dispatch needs admin rights on the very room. */
    public static final Rpc<CreateAgentDispatchRequest> CREATE_DISPATCH = new Rpc<>(
            "/twirp/livekit.AgentDispatchService/CreateDispatch", CreateAgentDispatchRequest.parser(),
            (request, token) -> granted(token, "video", "roomAdmin") && request.getRoom().equals(grants(token, "video").get("room")),
            request -> AgentDispatch.newBuilder().setId("AD_" + request.getRoom()).setAgentName(request.getAgentName())
                    .setRoom(request.getRoom()).setMetadata(request.getMetadata()).build());

    /** Deleting a room (which hangs up its SIP participant) needs the roomCreate grant. */
    public static final Rpc<DeleteRoomRequest> DELETE_ROOM = new Rpc<>(
            "/twirp/livekit.RoomService/DeleteRoom", DeleteRoomRequest.parser(),
            (request, token) -> granted(token, "video", "roomCreate"),
            request -> DeleteRoomResponse.getDefaultInstance());

    /** Outbound trunks are managed with the SIP admin grant; the server assigns their ids. */
    public static final Rpc<CreateSIPOutboundTrunkRequest> CREATE_OUTBOUND_TRUNK = new Rpc<>(
            "/twirp/livekit.SIP/CreateSIPOutboundTrunk", CreateSIPOutboundTrunkRequest.parser(),
            (request, token) -> granted(token, "sip", "admin"),
            request -> request.getTrunk().toBuilder().setSipTrunkId("ST_" + request.getTrunk().getName().hashCode()).build());

    public static final Rpc<UpdateSIPOutboundTrunkRequest> UPDATE_OUTBOUND_TRUNK = new Rpc<>(
            "/twirp/livekit.SIP/UpdateSIPOutboundTrunk", UpdateSIPOutboundTrunkRequest.parser(),
            (request, token) -> granted(token, "sip", "admin"),
            request -> SIPOutboundTrunkInfo.newBuilder().setSipTrunkId(request.getSipTrunkId()).build());

    public static final Rpc<DeleteSIPTrunkRequest> DELETE_TRUNK = new Rpc<>(
            "/twirp/livekit.SIP/DeleteSIPTrunk", DeleteSIPTrunkRequest.parser(),
            (request, token) -> granted(token, "sip", "admin"),
            request -> SIPTrunkInfo.newBuilder().setSipTrunkId(request.getSipTrunkId()).build());

    /** What a method answers. */
    public sealed interface Reply {
        record Success(Message body) implements Reply {
        }

        record Error(int httpStatus, String code, String msg, Map<String, String> meta) implements Reply {
        }

        record Delayed(Duration delay, Reply then) implements Reply {
        }

        public static Reply ok(Message body) {
            return new Success(body);
        }

        public static Reply error(int httpStatus, String code, String msg) {
            return new Error(httpStatus, code, msg, Map.of());
        }

        /** A call the network refused. LiveKit's Twirp code varies; the SIP status is in the meta, as strings. */
        public static Reply sipFailure(int sipStatus, String reason) {
            return new Error(503, "unavailable", "INVITE failed: sip status: " + sipStatus + ": " + reason,
                    Map.of("sip_status_code", String.valueOf(sipStatus), "sip_status", reason));
        }

        default Reply after(Duration delay) {
            return new Delayed(delay, this);
        }
    }

    /** A request the server accepted, with the token it came with. */
    public record Received<Q extends Message>(Q request, DecodedJWT token) {
        public Map<String, Object> grants(String claim) {
            return LiveKitTwirpServer.grants(token, claim);
        }
    }

    /** One method's script and what it received. */
    private record Route<Q extends Message>(Rpc<Q> rpc, Queue<Reply> script, List<Received<Q>> received) {
        Route(Rpc<Q> rpc) {
            this(rpc, new ConcurrentLinkedQueue<>(), new CopyOnWriteArrayList<>());
        }
    }

    private final Map<String, Route<?>> routes = Stream.of(CREATE_SIP_PARTICIPANT, CREATE_DISPATCH, DELETE_ROOM,
            CREATE_OUTBOUND_TRUNK, UPDATE_OUTBOUND_TRUNK, DELETE_TRUNK).collect(Collectors.toMap(Rpc::path, Route::new));
    private final JWTVerifier verifier;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    // A delayed answer (a ringing phone) is written later from here; the request's thread is free meanwhile.
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
    private final HttpServer http;

    private LiveKitTwirpServer(String apiKey, String apiSecret) throws IOException {
        // A minute's leeway on the token's dates, for clock skew.
        verifier = JWT.require(Algorithm.HMAC256(apiSecret)).withIssuer(apiKey).acceptLeeway(60).build();
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/", this::handle);
        http.setExecutor(threads);
        http.start();
    }

    /** A server on a free port of 127.0.0.1 that knows the one API key and its secret. */
    public static LiveKitTwirpServer start(String apiKey, String apiSecret) {
        try {
            return new LiveKitTwirpServer(apiKey, apiSecret);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    /** The answers to the method's next accepted requests, in order; after them, its default success. */
    public void script(Rpc<?> rpc, Reply... replies) {
        route(rpc).script().addAll(List.of(replies));
    }

    @SuppressWarnings("unchecked") // routes are keyed by their own Rpc's path
    public <Q extends Message> List<Received<Q>> received(Rpc<Q> rpc) {
        return List.copyOf(((Route<Q>) route(rpc)).received());
    }

    @Override
    public void close() {
        http.stop(0);
        later.shutdownNow();
        threads.shutdownNow();
    }

    private Route<?> route(Rpc<?> rpc) {
        return routes.get(rpc.path());
    }

    private void handle(HttpExchange exchange) {
        Route<?> route = routes.get(exchange.getRequestURI().getPath());
        try {
            send(exchange, route == null ? Reply.error(404, "bad_route", "no handler for " + exchange.getRequestURI()) : serve(route, exchange));
        } catch (IOException e) {
            exchange.close();
        }
    }

    private <Q extends Message> Reply serve(Route<Q> route, HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("POST")
                || !"application/protobuf".equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
            return Reply.error(404, "bad_route", "Twirp takes a POST of application/protobuf here");
        }
        String authorization = Objects.requireNonNullElse(exchange.getRequestHeaders().getFirst("Authorization"), "");
        if (!authorization.startsWith("Bearer ")) {
            return Reply.error(401, "unauthenticated", "no bearer token");
        }
        DecodedJWT token;
        try {
            token = verifier.verify(authorization.substring("Bearer ".length()));
        } catch (JWTVerificationException e) {
            return Reply.error(401, "unauthenticated", "invalid token: " + e.getMessage());
        }
        Q request;
        try {
            request = route.rpc().parser().parseFrom(exchange.getRequestBody().readAllBytes());
        } catch (InvalidProtocolBufferException e) {
            return Reply.error(400, "malformed", "the body is not a " + route.rpc().path() + " request");
        }
        if (!route.rpc().permitted().test(request, token)) {
            return Reply.error(403, "permission_denied", "the token lacks the grant " + route.rpc().path() + " needs");
        }
        route.received().add(new Received<>(request, token));
        Reply next = route.script().poll();
        return next != null ? next : Reply.ok(route.rpc().success().apply(request));
    }

    /** Answers now, or schedules the answer; the exchange is closed once written. */
    private void send(HttpExchange exchange, Reply reply) throws IOException {
        switch (reply) {
            case Reply.Delayed(Duration delay, Reply then) -> later.schedule(() -> {
                try {
                    send(exchange, then);
                } catch (IOException e) {
                    exchange.close(); // the client gave up on the call (cancelled or timed out)
                }
            }, delay.toNanos(), TimeUnit.NANOSECONDS);
            case Reply.Success(Message body) -> write(exchange, 200, "application/protobuf", body.toByteArray());
            case Reply.Error(int status, String code, String msg, Map<String, String> meta) -> write(exchange, status,
                    "application/json", JSON.writeValueAsBytes(Map.of("code", code, "msg", msg, "meta", meta)));
        }
    }

    private static void write(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        try (exchange) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length); // 0 would mean chunked
            exchange.getResponseBody().write(body);
        }
    }

    /** A grant claim of the token ({@code video}, {@code sip}), empty when absent. */
    private static Map<String, Object> grants(DecodedJWT token, String claim) {
        Map<String, Object> grants = token.getClaim(claim).asMap();
        return grants == null ? Map.of() : grants;
    }

    private static boolean granted(DecodedJWT token, String claim, String grant) {
        return Boolean.TRUE.equals(grants(token, claim).get(grant));
    }
}
