package io.vaani.agent.provider.tts.cartesia;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vaani.agent.provider.tts.ProtocolServer;
import io.vaani.agent.provider.tts.SpeechProviderContract;
import io.vaani.agent.provider.tts.TextToSpeech;
import io.vaani.agent.provider.tts.TtsOptions;
import io.vaani.agent.provider.tts.TtsSession;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CartesiaTextToSpeechTest extends SpeechProviderContract<CartesiaProtocolServer> {

    @Override
    protected CartesiaProtocolServer startServer() {
        return CartesiaProtocolServer.start();
    }

    @Override
    protected TextToSpeech tts(CartesiaProtocolServer server, String apiKey) {
        return new CartesiaTextToSpeech(client, URI.create(server.websocketUrl()), apiKey, Duration.ofSeconds(5));
    }

    @Override
    protected int providerRate(int sessionRate) {
        return CartesiaTextToSpeech.providerRate(sessionRate);
    }

    @Override
    protected int authFailureStatus() {
        return 401;
    }

    @Override
    protected String provider() {
        return "cartesia";
    }

    @Test
    void anAnswerIsOneContextOfContinuationsAndBargeInCancelsIt() {
        server.chunkDelay(30);
        try (TtsSession session = tts(server, server.apiKey()).open(options(16_000), listener)) {
            session.push("A long answer that the caller is going to interrupt quite soon.");
            await().atMost(WAIT).until(() -> listener.audioEventCount() > 0);
            session.cancel();
            server.chunkDelay(0);
            session.push("Sure.");
            session.push("Go on.");
            session.flush();
            await().atMost(WAIT).until(() -> listener.doneCount() == 1);
        }
        assertThat(server.handshakes()).singleElement().asString().contains("cartesia_version=" + CartesiaTextToSpeech.API_VERSION);
        List<JsonObject> received = server.received();
        String interrupted = received.getFirst().getString("context_id");
        assertThat(server.cancelledContexts()).containsExactly(interrupted);
        List<JsonObject> second = received.stream().filter(message -> !interrupted.equals(message.getString("context_id"))).toList();
        assertThat(second).extracting(message -> message.getString("transcript")).containsExactly("Sure. ", "Go on. ", "");
        assertThat(second).extracting(message -> message.getBoolean("continue")).containsExactly(true, true, false);
        assertThat(second.getFirst().getJsonObject("voice").getString("id")).isEqualTo(CartesiaTextToSpeech.DEFAULT_VOICE);
        assertThat(second.getFirst().getJsonObject("output_format").encode())
                .isEqualTo(new JsonObject().put("container", "raw").put("encoding", "pcm_s16le").put("sample_rate", 16_000).encode());
        assertThat(second.getFirst().getString("language")).isEqualTo("en");
    }

    @Test
    void anErrorMessageFailsOnlyItsAnswer() {
        server.failNext(new ProtocolServer.ErrorMessage(0));
        try (TtsSession session = tts(server, server.apiKey()).open(options(16_000), listener)) {
            session.push("This meets an error.");
            session.flush();
            await().atMost(WAIT).until(() -> !listener.errors().isEmpty());

            session.push("This does not.");
            session.flush();
            await().atMost(WAIT).until(() -> listener.doneCount() == 1);
        }
        assertThat(listener.errors().getFirst().status()).isEqualTo(500);
        assertThat(listener.errors().getFirst().retryable()).isTrue();
        assertThat(listener.errors().getFirst()).hasMessageContaining("Something went wrong");
        assertThat(server.handshakes()).hasSize(1);
    }

    @Test
    void anInvalidModelIsABadRequest() {
        try (TtsSession session = tts(server, server.apiKey()).open(new TtsOptions(Optional.of("sonic-nonexistent"), Optional.empty(), "en", 16_000), listener)) {
            session.push("Hello.");
            session.flush();
            await().atMost(WAIT).until(() -> !listener.errors().isEmpty());
        }
        assertThat(listener.errors().getFirst().status()).isEqualTo(400);
        assertThat(listener.errors().getFirst().retryable()).isFalse();
        assertThat(listener.errors().getFirst()).hasMessageContaining("model is not valid");
    }
}
