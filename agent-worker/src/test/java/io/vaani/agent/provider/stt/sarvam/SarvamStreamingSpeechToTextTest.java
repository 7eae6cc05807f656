package io.vaani.agent.provider.stt.sarvam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.vaani.agent.audio.AudioFrame;
import io.vaani.agent.provider.ProviderException;
import io.vaani.agent.provider.stt.RecordingListener;
import io.vaani.agent.provider.stt.StreamTiming;
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

class SarvamStreamingSpeechToTextTest {
    private static final int RATE = 16_000;
    private static final SttOptions OPTIONS = new SttOptions("saarika:v2.5", "hi-IN", RATE);
    private static final StreamTiming TIMING = new StreamTiming(Duration.ofSeconds(4), Duration.ofSeconds(2), Duration.ofSeconds(5));

    private SarvamProtocolServer server;
    private final RecordingListener listener = new RecordingListener();
    private SttSession session;

    @BeforeEach
    void start() throws Exception {
        server = SarvamProtocolServer.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (session != null) {
            session.close();
        }
        server.close();
    }

    private SttSession open(String key, SttOptions options) {
        session = new SarvamStreamingSpeechToText(HttpClient.newHttpClient(), key, URI.create(server.websocketUrl()),
                Duration.ofSeconds(5), TIMING).open(options, listener);
        return session;
    }

    @Test
    void sendsBase64AudioAndGetsAFinalTranscriptPerUtteranceWithVoiceEvents() {
        server.script().say("namaste mujhe madad chahiye", "kal subah theek rahega");
        open(SarvamProtocolServer.API_KEY, OPTIONS);
        new TestSpeech(RATE).speech(1000).silence(700).speech(800).silence(700).pushTo(session);

        await().atMost(Duration.ofSeconds(10)).until(() -> listener.finals().size() == 2);
        assertThat(listener.finalTexts()).containsExactly("namaste mujhe madad chahiye", "kal subah theek rahega");
        assertThat(listener.interims()).isEmpty();
        assertThat(listener.speechStarts).hasSize(2);
        assertThat(listener.utteranceEnds).hasSize(2);
        assertThat(listener.finals().get(1).start()).isGreaterThanOrEqualTo(listener.finals().get(0).end());
        assertThat(listener.finals().get(1).end().toMillis()).isLessThanOrEqualTo(3200);
        assertThat(server.requests().getFirst()).containsEntry(":path", "/speech-to-text/ws").containsEntry("language-code", "hi-IN")
                .containsEntry("model", "saarika:v2.5").containsEntry("sample_rate", "16000")
                .containsEntry("input_audio_codec", "pcm_s16le").containsEntry("vad_signals", "true").containsEntry("flush_signal", "true");
        assertThat(listener.errors).isEmpty();
    }

    @Test
    void endOfSpeechFlushesTheUtterance() {
        server.script().say("haan ji");
        open(SarvamProtocolServer.API_KEY, OPTIONS);
        new TestSpeech(RATE).speech(500).pushTo(session);
        session.endOfSpeech();

        await().atMost(Duration.ofSeconds(5)).until(() -> listener.finals().size() == 1);
        assertThat(listener.finals().getFirst().text()).isEqualTo("haan ji");
        assertThat(listener.finals().getFirst().end().toMillis()).isCloseTo(500, within(40L));
        assertThat(server.texts()).containsExactly("{\"type\":\"flush\"}");
    }

    @Test
    void closeFlushesAndDeliversTheLastTranscriptBeforeReturning() {
        server.script().say("dhanyavaad");
        open(SarvamProtocolServer.API_KEY, OPTIONS);
        new TestSpeech(RATE).speech(500).pushTo(session);
        await().until(() -> !listener.speechStarts.isEmpty());

        session.close();

        assertThat(listener.finalTexts()).containsExactly("dhanyavaad");
        int events = listener.transcripts.size();
        session.push(new AudioFrame(new short[320], RATE));
        assertThat(listener.transcripts).hasSize(events);
    }

    @Test
    void aWrongKeyIsRefusedAt403() {
        open("wrong", OPTIONS);

        await().atMost(Duration.ofSeconds(5)).until(() -> !listener.errors.isEmpty());
        ProviderException error = listener.errors.getFirst();
        assertThat(error.provider()).isEqualTo("sarvam");
        assertThat(error.status()).isEqualTo(403);
        assertThat(error.retryable()).isFalse();
        assertThat(error.getMessage()).contains("invalid_api_key_error");
    }

    @Test
    void anUnsupportedLanguageIsABadRequest() {
        open(SarvamProtocolServer.API_KEY, new SttOptions("saarika:v2.5", "fr-FR", RATE));

        await().atMost(Duration.ofSeconds(5)).until(() -> !listener.errors.isEmpty());
        assertThat(listener.errors.getFirst().status()).isEqualTo(400);
    }

    @Test
    void aRateLimitedHandshakeIsRetryable() {
        server.refuseNextHandshake(429, Map.of("Retry-After", "1"), "{\"error\":{\"message\":\"Rate limit exceeded\",\"code\":\"rate_limit_exceeded_error\"}}");
        open(SarvamProtocolServer.API_KEY, OPTIONS);

        await().atMost(Duration.ofSeconds(5)).until(() -> !listener.errors.isEmpty());
        assertThat(listener.errors.getFirst().status()).isEqualTo(429);
        assertThat(listener.errors.getFirst().retryAfter()).contains(Duration.ofSeconds(1));
    }

    @Test
    void aServerFaultCloseEndsTheSessionAsRetryable() {
        server.closeAfterAudio(0.2, 1011, "internal error");
        open(SarvamProtocolServer.API_KEY, OPTIONS);
        new TestSpeech(RATE).speech(600).pushTo(session);

        await().atMost(Duration.ofSeconds(5)).until(() -> !listener.errors.isEmpty());
        assertThat(listener.errors.getFirst().status()).isEqualTo(1011);
        assertThat(listener.errors.getFirst().retryable()).isTrue();
    }
}
