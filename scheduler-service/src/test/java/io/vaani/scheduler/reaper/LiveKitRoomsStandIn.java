package io.vaani.scheduler.reaper;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import livekit.LivekitModels.ParticipantInfo;
import livekit.LivekitRoom.ListParticipantsRequest;
import livekit.LivekitRoom.ListParticipantsResponse;

/**
 * LiveKit's RoomService.ListParticipants as LiveKit serves it over Twirp: a protobuf request with a
 * bearer token signed with the API secret and carrying roomAdmin on the room; the room's
 * participants, or Twirp's not_found when the room does not exist. Rooms in {@link #LIVE} hold a
 * SIP participant.
 */
public class LiveKitRoomsStandIn implements QuarkusTestResourceLifecycleManager {
    static final String KEY = "APIstandin";
    static final String SECRET = "stand-in-secret-of-at-least-32-characters";
    static final Set<String> LIVE = ConcurrentHashMap.newKeySet();

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/twirp/livekit.RoomService/ListParticipants", this::listParticipants);
        server.start();
        return Map.of("vaani.livekit.url", "ws://127.0.0.1:" + server.getAddress().getPort(), "vaani.livekit.api-key", KEY,
                "vaani.livekit.api-secret", SECRET);
    }

    private void listParticipants(HttpExchange exchange) throws IOException {
        try (exchange) {
            ListParticipantsRequest request = ListParticipantsRequest.parseFrom(exchange.getRequestBody().readAllBytes());
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            try {
                var token = JWT.require(Algorithm.HMAC256(SECRET)).withIssuer(KEY).build().verify(auth.substring("Bearer ".length()));
                Map<String, Object> video = token.getClaim("video").asMap();
                if (!Boolean.TRUE.equals(video.get("roomAdmin")) || !request.getRoom().equals(video.get("room"))) {
                    throw new IllegalArgumentException("no roomAdmin grant on " + request.getRoom());
                }
            } catch (RuntimeException e) {
                reply(exchange, 401, "{\"code\":\"unauthenticated\",\"msg\":\"" + e.getMessage() + "\"}");
                return;
            }
            if (!LIVE.contains(request.getRoom())) {
                reply(exchange, 404, "{\"code\":\"not_found\",\"msg\":\"requested room does not exist\"}");
                return;
            }
            byte[] body = ListParticipantsResponse.newBuilder().addParticipants(ParticipantInfo.newBuilder().setIdentity("callee")
                    .setKind(ParticipantInfo.Kind.SIP)).build().toByteArray();
            exchange.getResponseHeaders().set("Content-Type", "application/protobuf");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
