package io.vaani.agent.provider.tts.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vaani.agent.provider.tts.SentenceProviderContract;
import io.vaani.agent.provider.tts.TextToSpeech;
import io.vaani.agent.provider.tts.TtsOptions;
import io.vaani.agent.provider.tts.TtsSession;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OpenAiTextToSpeechTest extends SentenceProviderContract<OpenAiSpeechProtocolServer> {

    @Override
    protected OpenAiSpeechProtocolServer startServer() {
        return OpenAiSpeechProtocolServer.start();
    }

    @Override
    protected TextToSpeech tts(OpenAiSpeechProtocolServer server, String apiKey) {
        return new OpenAiTextToSpeech(client, URI.create(server.baseUrl()), apiKey, Duration.ofSeconds(5));
    }

    @Override
    protected int providerRate(int sessionRate) {
        return OpenAiTextToSpeech.PCM_RATE;
    }

    @Override
    protected int authFailureStatus() {
        return 401;
    }

    @Override
    protected String provider() {
        return "openai";
    }

    @Test
    void anUnknownVoiceIsABadRequestNotWorthRetrying() {
        try (TtsSession session = tts(server, server.apiKey()).open(new TtsOptions(Optional.empty(), Optional.of("nobody"), "en", 16_000), listener)) {
            session.push("Hello.");
            session.flush();
            await().atMost(WAIT).until(() -> !listener.errors().isEmpty());
        }
        assertThat(listener.errors().getFirst().status()).isEqualTo(400);
        assertThat(listener.errors().getFirst().retryable()).isFalse();
        assertThat(listener.errors().getFirst()).hasMessageContaining("Invalid model, voice");
    }
}
