package io.vaani.agent.livekit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LiveKitStandInTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void restartsOnTheSamePortAndHandsAgentSocketsToItsHandler() throws Exception {
        try (LiveKitStandIn livekit = new LiveKitStandIn()) {
            CompletableFuture<String> agentSaw = new CompletableFuture<>();
            livekit.agentHandler(socket -> agentSaw.complete(socket.path()));
            int port = livekit.port();

            livekit.stop();
            assertThat(servesAgents(livekit)).isFalse();
            livekit.start();

            assertThat(livekit.port()).isEqualTo(port);
            WebSocket socket = http.newWebSocketBuilder()
                    .header("Authorization", "Bearer " + livekit.agentToken("", "worker"))
                    .buildAsync(URI.create(livekit.url() + "/agent"), new WebSocket.Listener() { })
                    .get(5, TimeUnit.SECONDS);
            assertThat(agentSaw).succeedsWithin(Duration.ofSeconds(5)).isEqualTo("/agent");
            socket.abort();
        }
    }

    @Test
    void refusesTokensLiveKitWouldRefuse() throws Exception {
        try (LiveKitStandIn livekit = new LiveKitStandIn()) {
            assertThat(status(livekit, "/rtc?access_token=not-a-jwt")).isEqualTo(401);
            assertThat(status(livekit, "/rtc")).isEqualTo(401);
            assertThat(agentUpgradeRefused(livekit, "not-a-jwt")).isTrue();
        }
    }

    private boolean agentUpgradeRefused(LiveKitStandIn livekit, String token) {
        try {
            http.newWebSocketBuilder().header("Authorization", "Bearer " + token)
                    .buildAsync(URI.create(livekit.url() + "/agent"), new WebSocket.Listener() { }).join().abort();
            return false;
        } catch (CompletionException e) {
            return e.getCause() instanceof java.net.http.WebSocketHandshakeException refused
                    && refused.getResponse().statusCode() == 401;
        }
    }

    private int status(LiveKitStandIn livekit, String path) throws Exception {
        URI uri = URI.create(livekit.url().toString().replace("ws://", "http://") + path);
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Whether a worker can open {@code /agent}; asked of the port, not the socket (another server may bind a freed port). */
    private boolean servesAgents(LiveKitStandIn livekit) {
        try {
            http.newWebSocketBuilder().header("Authorization", "Bearer " + livekit.agentToken("", "worker"))
                    .buildAsync(URI.create(livekit.url() + "/agent"), new WebSocket.Listener() { }).get(5, TimeUnit.SECONDS).abort();
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
