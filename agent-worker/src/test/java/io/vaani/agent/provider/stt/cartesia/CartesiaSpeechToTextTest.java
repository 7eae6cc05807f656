package io.vaani.agent.provider.stt.cartesia;

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

class CartesiaSpeechToTextTest {
    private static final int RATE = 16_000;
    private static final SttOptions OPTIONS = new SttOptions("ink-whisper", "en-US", RATE);
    private static final StreamTiming TIMING = new StreamTiming(Duration.ofSeconds(4), Duration.ofSeconds(2), Duration.ofSeconds(5));

    private CartesiaProtocolServer server;
    private final RecordingListener listener = new RecordingListener();
    private SttSession session;

    @BeforeEach
    void start() throws Exception {
        server = CartesiaProtocolServer.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (session != null) {
            session.close();
        }
        server.close();
    }

    private SttSession open(String key, SttOptions options) {
        session = new CartesiaSpeechToText(HttpClient.newHttpClient(), key, URI.create(server.websocketUrl()), Duration.ofSeconds(5), TIMING)
                .open(options, listener);
        return session;
    }

    @Test
    void streamsInterimThenFinalTranscriptsAndPlacesThemInTheSession() {
        server.script().say("I need to reschedule", "next Monday please");
        open(CartesiaProtocolServer.API_KEY, OPTIONS);
        new TestSpeech(RATE).silence(400).speech(1000).silence(800).speech(800).silence(800).pushTo(session);

        await().atMost(Duration.ofSeconds(10)).until(() -> listener.finals().size() == 2);
        assertThat(listener.finalTexts()).containsExactly("I need to reschedule", "next Monday please");
        assertThat(listener.interims()).isNotEmpty().allSatisfy(t -> assertThat(t.text()).isNotBlank());
        assertThat(listener.transcripts.getFirst().isFinal()).isFalse();
        assertThat(listener.finals().get(0).end().toMillis()).isCloseTo(1400, within(40L));
        assertThat(listener.finals().get(1).end().toMillis()).isCloseTo(3000, within(40L));
        assertThat(server.requests().getFirst()).containsEntry(":path", "/stt/websocket").containsEntry("model", "ink-whisper")
                .containsEntry("language", "en").containsEntry("encoding", "pcm_s16le").containsEntry("sample_rate", "16000");
    }

    @Test
    void endOfSpeechSendsFinalizeAndCloseSendsClose() {
        server.script().say("that is all");
        open(CartesiaProtocolServer.API_KEY, OPTIONS);
        new TestSpeech(RATE).speech(600).pushTo(session);
        session.endOfSpeech();
        await().atMost(Duration.ofSeconds(5)).until(() -> listener.finals().size() == 1);

        session.close();

        assertThat(listener.finalTexts()).containsExactly("that is all");
        assertThat(server.texts()).containsExactly("finalize", "close");
        int events = listener.transcripts.size();
        session.push(new AudioFrame(new short[320], RATE));
        assertThat(listener.transcripts).hasSize(events);
        assertThat(listener.errors).isEmpty();
    }

    @Test
    void closeDeliversTheUtteranceUnderWayAndReturnsOnDone() {
        server.script().say("wait one moment");
        open(CartesiaProtocolServer.API_KEY, OPTIONS);
        new TestSpeech(RATE).speech(700).pushTo(session);
        await().until(() -> !listener.interims().isEmpty());

        long started = System.nanoTime();
        session.close();

        assertThat(listener.finalTexts()).containsExactly("wait one moment");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void aWrongKeyIsRefusedAt401() {
        open("sk_car_wrong", OPTIONS);

        await().atMost(Duration.ofSeconds(5)).until(() -> !listener.errors.isEmpty());
        assertThat(listener.errors.getFirst().status()).isEqualTo(401);
        assertThat(listener.errors.getFirst().retryable()).isFalse();
    }

    @Test
    void anUnknownModelIsABadRequest() {
        open(CartesiaProtocolServer.API_KEY, new SttOptions("ink-nope", "en", RATE));

        await().atMost(Duration.ofSeconds(5)).until(() -> !listener.errors.isEmpty());
        assertThat(listener.errors.getFirst().status()).isEqualTo(400);
        assertThat(listener.errors.getFirst().getMessage()).contains("model is not valid");
    }

    @Test
    void aRateLimitedHandshakeCarriesRetryAfter() {
        server.refuseNextHandshake(429, Map.of("Retry-After", "2"), "{\"error\":\"Too many concurrent requests\"}");
        open(CartesiaProtocolServer.API_KEY, OPTIONS);

        await().atMost(Duration.ofSeconds(5)).until(() -> !listener.errors.isEmpty());
        ProviderException error = listener.errors.getFirst();
        assertThat(error.status()).isEqualTo(429);
        assertThat(error.retryable()).isTrue();
        assertThat(error.retryAfter()).contains(Duration.ofSeconds(2));
    }

    @Test
    void anErrorEventEndsTheSessionWithItsStatus() {
        server.errorAfterAudio(0.2, 500, "Internal server error");
        open(CartesiaProtocolServer.API_KEY, OPTIONS);
        new TestSpeech(RATE).speech(600).pushTo(session);

        await().atMost(Duration.ofSeconds(5)).until(() -> !listener.errors.isEmpty());
        ProviderException error = listener.errors.getFirst();
        assertThat(error.provider()).isEqualTo("cartesia");
        assertThat(error.status()).isEqualTo(500);
        assertThat(error.retryable()).isTrue();
        assertThat(error.getMessage()).contains("Internal server error");
        assertThat(listener.errors).hasSize(1);
    }

    @Test
    void aDroppedConnectionIsReopenedOnce() {
        server.script().say("cut short", "after the drop");
        server.dropAfterAudio(0.2);
        open(CartesiaProtocolServer.API_KEY, OPTIONS);
        new TestSpeech(RATE).speech(400).silence(300).speech(600).silence(800).paceTo(session, Duration.ofMillis(5));

        await().atMost(Duration.ofSeconds(10)).until(() -> listener.finalTexts().contains("after the drop"));
        assertThat(server.streams()).isEqualTo(2);
        assertThat(listener.errors).isEmpty();
    }
}
