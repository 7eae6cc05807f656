package io.vaani.agent.provider.tts.elevenlabs;

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
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ElevenLabsTextToSpeechTest extends SpeechProviderContract<ElevenLabsProtocolServer> {

    @Override
    protected ElevenLabsProtocolServer startServer() {
        return ElevenLabsProtocolServer.start();
    }

    @Override
    protected TextToSpeech tts(ElevenLabsProtocolServer server, String apiKey) {
        return new ElevenLabsTextToSpeech(client, URI.create(server.websocketUrl()), apiKey, Duration.ofSeconds(5));
    }

    @Override
    protected int providerRate(int sessionRate) {
        return ElevenLabsTextToSpeech.providerRate(sessionRate);
    }

    @Override
    protected int authFailureStatus() {
        return 401;
    }

    @Override
    protected String provider() {
        return "elevenlabs";
    }

    @Test
    void oneConnectionPerCallOneContextPerAnswerAndBargeInClosesTheContext() {
        server.chunkDelay(30);
        try (TtsSession session = tts(server, server.apiKey()).open(options(16_000), listener)) {
            session.push("A long answer that the caller is going to interrupt quite soon.");
            await().atMost(WAIT).until(() -> listener.audioEventCount() > 0);
            session.cancel();
            server.chunkDelay(0);
            session.push("Of course.");
            session.flush();
            await().atMost(WAIT).until(() -> listener.doneCount() == 1);
        }
        assertThat(server.handshakes()).hasSize(1);
        assertThat(server.handshakes().getFirst()).contains("/v1/text-to-speech/" + ElevenLabsTextToSpeech.DEFAULT_VOICE + "/multi-stream-input")
                .contains("model_id=eleven_flash_v2_5").contains("output_format=pcm_16000").contains("language_code=en");
        List<JsonObject> received = server.received();
        List<String> contexts = received.stream().map(message -> message.getString("context_id")).filter(Objects::nonNull)
                .distinct().toList();
        assertThat(contexts).hasSize(2);
        // the interrupted context is closed at once; the second is opened with a space, flushed and closed
        assertThat(server.closedContexts()).containsExactly(contexts.get(0), contexts.get(1));
        assertThat(received).filteredOn(message -> contexts.get(1).equals(message.getString("context_id")))
                .extracting(JsonObject::encode)
                .containsExactly(
                        new JsonObject().put("context_id", contexts.get(1)).put("text", " ").encode(),
                        new JsonObject().put("context_id", contexts.get(1)).put("text", "Of course. ").put("flush", true).encode(),
                        new JsonObject().put("context_id", contexts.get(1)).put("flush", true).encode(),
                        new JsonObject().put("context_id", contexts.get(1)).put("close_context", true).encode());
    }

    @Test
    void closeSendsCloseSocket() {
        TtsSession session = tts(server, server.apiKey()).open(options(16_000), listener);
        session.push("Goodbye.");
        session.flush();
        await().atMost(WAIT).until(() -> listener.doneCount() == 1);

        session.close();

        await().atMost(WAIT).until(server::closeSocketReceived);
    }

    @Test
    void anErrorMessageFailsTheAnswerAndTheNextAnswerReconnects() {
        server.failNext(new ProtocolServer.ErrorMessage(1011));
        try (TtsSession session = tts(server, server.apiKey()).open(options(16_000), listener)) {
            session.push("This meets an error.");
            session.flush();
            await().atMost(WAIT).until(() -> !listener.errors().isEmpty());

            session.push("This does not.");
            session.flush();
            await().atMost(WAIT).until(() -> listener.doneCount() == 1);
        }
        assertThat(listener.errors().getFirst()).hasMessageContaining("internal_error");
        assertThat(listener.errors().getFirst().retryable()).isTrue();
        assertThat(server.texts()).endsWith("This does not.");
        assertThat(server.handshakes()).hasSize(2);
    }

    @Test
    void anUnknownModelIsRefusedAtTheHandshake() {
        try (TtsSession session = tts(server, server.apiKey()).open(new TtsOptions(Optional.of("eleven_nonexistent"), Optional.empty(), "en", 16_000), listener)) {
            session.push("Hello.");
            await().atMost(WAIT).until(() -> !listener.errors().isEmpty());
        }
        assertThat(listener.errors().getFirst().status()).isEqualTo(400);
        assertThat(listener.errors().getFirst().retryable()).isFalse();
    }
}
