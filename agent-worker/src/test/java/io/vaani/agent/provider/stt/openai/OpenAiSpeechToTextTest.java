package io.vaani.agent.provider.stt.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.vaani.agent.provider.ProviderException;
import io.vaani.agent.provider.stt.RecordingListener;
import io.vaani.agent.provider.stt.SttOptions;
import io.vaani.agent.provider.stt.SttSession;
import io.vaani.agent.provider.stt.TestSpeech;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenAiSpeechToTextTest {
    private static final int RATE = 16_000;

    private OpenAiTranscriptionServer server;
    private final RecordingListener listener = new RecordingListener();
    private SttSession session;

    @BeforeEach
    void start() throws Exception {
        server = OpenAiTranscriptionServer.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (session != null) {
            session.close();
        }
        server.close();
    }

    private SttSession open(String key, String model) {
        session = new OpenAiSpeechToText(HttpClient.newHttpClient(), key, URI.create(server.baseUrl()))
                .open(new SttOptions(model, "en-US", RATE), listener);
        return session;
    }

    @Test
    void transcribesEachUtteranceWithTheModelsConfidence() {
        server.script().say("I'd like to cancel my appointment", "yes that's right");
        open(OpenAiTranscriptionServer.API_KEY, "gpt-4o-mini-transcribe");
        new TestSpeech(RATE).speech(1200).silence(200).pushTo(session);
        session.endOfSpeech();
        new TestSpeech(RATE).speech(500).pushTo(session);
        session.endOfSpeech();

        await().atMost(Duration.ofSeconds(5)).until(() -> listener.finals().size() == 2);
        assertThat(listener.finalTexts()).containsExactly("I'd like to cancel my appointment", "yes that's right");
        assertThat(listener.finals().getFirst().confidence()).isCloseTo(Math.exp(-0.1), within(1e-9));
        assertThat(listener.finals().get(1).start().toMillis()).isEqualTo(1400);
        assertThat(server.forms().getFirst().getString("model")).isEqualTo("gpt-4o-mini-transcribe");
        assertThat(server.forms().getFirst().getString("language")).isEqualTo("en");
        assertThat(server.forms().getFirst().getString("response_format")).isEqualTo("json");
        assertThat(server.forms().getFirst().getDouble("file_seconds")).isCloseTo(1.4, within(0.01));
        assertThat(listener.errors).isEmpty();
    }

    @Test
    void whisperIsNotAskedForLogprobs() {
        server.script().say("hello");
        open(OpenAiTranscriptionServer.API_KEY, "whisper-1");
        new TestSpeech(RATE).speech(400).pushTo(session);
        session.endOfSpeech();

        await().atMost(Duration.ofSeconds(5)).until(() -> listener.finals().size() == 1);
        assertThat(listener.finalTexts()).containsExactly("hello");
        assertThat(server.forms().getFirst().containsKey("include[]")).isFalse();
    }

    @Test
    void aWrongKeyIs401AndNotRetried() {
        open("sk-wrong", "gpt-4o-mini-transcribe");
        new TestSpeech(RATE).speech(400).pushTo(session);
        session.endOfSpeech();

        await().atMost(Duration.ofSeconds(5)).until(() -> !listener.errors.isEmpty());
        ProviderException error = listener.errors.getFirst();
        assertThat(error.provider()).isEqualTo("openai");
        assertThat(error.status()).isEqualTo(401);
        assertThat(error.retryable()).isFalse();
        assertThat(error.getMessage()).contains("invalid_api_key");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void anUnknownModelIsABadRequest() {
        open(OpenAiTranscriptionServer.API_KEY, "whisper-9");
        new TestSpeech(RATE).speech(400).pushTo(session);
        session.endOfSpeech();

        await().atMost(Duration.ofSeconds(5)).until(() -> !listener.errors.isEmpty());
        assertThat(listener.errors.getFirst().status()).isEqualTo(400);
        assertThat(listener.errors.getFirst().retryable()).isFalse();
    }

    @Test
    void aShortRateLimitIsWaitedOutAndTriedAgain() {
        server.script().say("second time lucky");
        server.refuseNextHandshake(429, Map.of("retry-after-ms", "200"),
                OpenAiTranscriptionServer.errorBody("requests", "rate_limit_exceeded", "Rate limit reached"));
        open(OpenAiTranscriptionServer.API_KEY, "gpt-4o-mini-transcribe");
        new TestSpeech(RATE).speech(400).pushTo(session);
        session.endOfSpeech();

        await().atMost(Duration.ofSeconds(5)).until(() -> listener.finals().size() == 1);
        assertThat(listener.finalTexts()).containsExactly("second time lucky");
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void aLongRateLimitIsReportedRetryableWithItsWait() {
        server.refuseNextHandshake(429, Map.of("Retry-After", "20"),
                OpenAiTranscriptionServer.errorBody("requests", "rate_limit_exceeded", "Rate limit reached"));
        open(OpenAiTranscriptionServer.API_KEY, "gpt-4o-mini-transcribe");
        new TestSpeech(RATE).speech(400).pushTo(session);
        session.endOfSpeech();

        await().atMost(Duration.ofSeconds(5)).until(() -> !listener.errors.isEmpty());
        ProviderException error = listener.errors.getFirst();
        assertThat(error.status()).isEqualTo(429);
        assertThat(error.retryable()).isTrue();
        assertThat(error.retryAfter()).contains(Duration.ofSeconds(20));
    }

    @Test
    void anExhaustedQuotaIsNotRetryable() {
        server.refuseNextHandshake(429, Map.of(),
                OpenAiTranscriptionServer.errorBody("insufficient_quota", "insufficient_quota", "You exceeded your current quota."));
        open(OpenAiTranscriptionServer.API_KEY, "gpt-4o-mini-transcribe");
        new TestSpeech(RATE).speech(400).pushTo(session);
        session.endOfSpeech();

        await().atMost(Duration.ofSeconds(5)).until(() -> !listener.errors.isEmpty());
        assertThat(listener.errors.getFirst().status()).isEqualTo(429);
        assertThat(listener.errors.getFirst().retryable()).isFalse();
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void aServerErrorTwiceEndsTheSessionAsRetryable() {
        server.refuseNextHandshake(500, Map.of(), OpenAiTranscriptionServer.errorBody("server_error", null, "The server had an error"));
        server.refuseNextHandshake(503, Map.of(), OpenAiTranscriptionServer.errorBody("server_error", null, "Overloaded"));
        open(OpenAiTranscriptionServer.API_KEY, "gpt-4o-mini-transcribe");
        new TestSpeech(RATE).speech(400).pushTo(session);
        session.endOfSpeech();

        await().atMost(Duration.ofSeconds(5)).until(() -> !listener.errors.isEmpty());
        assertThat(listener.errors.getFirst().status()).isEqualTo(503);
        assertThat(listener.errors.getFirst().retryable()).isTrue();
        assertThat(server.requests()).hasSize(2);
    }
}
