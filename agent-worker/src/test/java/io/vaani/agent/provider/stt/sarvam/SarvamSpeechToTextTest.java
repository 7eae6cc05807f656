package io.vaani.agent.provider.stt.sarvam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.vaani.agent.audio.AudioFrame;
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

/** Sarvam's REST endpoint, an utterance per request. */
class SarvamSpeechToTextTest {
    private static final int RATE = 16_000;
    private static final SttOptions OPTIONS = new SttOptions("saarika:v2.5", "hi", RATE);

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

    private SttSession open(String key) {
        session = new SarvamSpeechToText(HttpClient.newHttpClient(), key, URI.create(server.httpUrl())).open(OPTIONS, listener);
        return session;
    }

    @Test
    void postsEachUtteranceAsAWavFileAndDeliversFinalsInOrder() {
        server.script().say("pehla vaakya", "doosra vaakya");
        open(SarvamProtocolServer.API_KEY);
        new TestSpeech(RATE).speech(800).silence(200).pushTo(session);
        session.endOfSpeech();
        new TestSpeech(RATE).silence(300).speech(600).silence(200).pushTo(session);
        session.endOfSpeech();

        await().atMost(Duration.ofSeconds(5)).until(() -> listener.finals().size() == 2);
        assertThat(listener.finalTexts()).containsExactly("pehla vaakya", "doosra vaakya");
        assertThat(listener.finals().get(1).start().toMillis()).isEqualTo(1000);
        assertThat(listener.finals().get(1).end().toMillis()).isEqualTo(2100);
        assertThat(server.uploads()).hasSize(2);
        assertThat(server.requests()).extracting(r -> r.get(":path")).containsOnly("/speech-to-text");
        assertThat(listener.errors).isEmpty();
    }

    @Test
    void startOfSpeechDropsTheSilenceBeforeItButALeadIn() {
        server.script().say("haan");
        open(SarvamProtocolServer.API_KEY);
        new TestSpeech(RATE).silence(5000).pushTo(session);
        session.startOfSpeech();
        new TestSpeech(RATE).speech(500).pushTo(session);
        session.endOfSpeech();

        await().atMost(Duration.ofSeconds(5)).until(() -> listener.finals().size() == 1);
        assertThat(listener.finals().getFirst().text()).isEqualTo("haan");
        assertThat(listener.finals().getFirst().start().toMillis()).isEqualTo(4700);
        assertThat(server.uploads().getFirst()).isCloseTo(0.8, within(0.01));
    }

    @Test
    void anEmptyUtteranceIsAnEmptyFinalWithoutARequest() {
        open(SarvamProtocolServer.API_KEY);
        session.endOfSpeech();

        await().atMost(Duration.ofSeconds(5)).until(() -> listener.finals().size() == 1);
        assertThat(listener.finals().getFirst().text()).isEmpty();
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void aWrongKeyEndsTheSessionWithoutRetrying() {
        open("wrong");
        new TestSpeech(RATE).speech(300).pushTo(session);
        session.endOfSpeech();

        await().atMost(Duration.ofSeconds(5)).until(() -> !listener.errors.isEmpty());
        ProviderException error = listener.errors.getFirst();
        assertThat(error.status()).isEqualTo(403);
        assertThat(error.retryable()).isFalse();
        assertThat(server.requests()).hasSize(1);
        session.push(new AudioFrame(new short[320], RATE));
        session.endOfSpeech();
        assertThat(listener.transcripts).isEmpty();
    }

    @Test
    void aServerErrorIsTriedOnceMore() {
        server.script().say("phir se");
        server.refuseNextHandshake(503, Map.of(), "{\"error\":{\"message\":\"Service unavailable\",\"code\":\"internal_server_error\"}}");
        open(SarvamProtocolServer.API_KEY);
        new TestSpeech(RATE).speech(400).pushTo(session);
        session.endOfSpeech();

        await().atMost(Duration.ofSeconds(5)).until(() -> listener.finals().size() == 1);
        assertThat(listener.finalTexts()).containsExactly("phir se");
        assertThat(server.requests()).hasSize(2);
        assertThat(listener.errors).isEmpty();
    }

    @Test
    void aRateLimitAskingForALongWaitIsReportedWithIt() {
        server.refuseNextHandshake(429, Map.of("Retry-After", "5"), "{\"error\":{\"message\":\"Rate limit exceeded\",\"code\":\"rate_limit_exceeded_error\"}}");
        open(SarvamProtocolServer.API_KEY);
        new TestSpeech(RATE).speech(400).pushTo(session);
        session.endOfSpeech();

        await().atMost(Duration.ofSeconds(5)).until(() -> !listener.errors.isEmpty());
        ProviderException error = listener.errors.getFirst();
        assertThat(error.status()).isEqualTo(429);
        assertThat(error.retryable()).isTrue();
        assertThat(error.retryAfter()).contains(Duration.ofSeconds(5));
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void nothingIsDeliveredAfterClose() {
        server.script().say("never heard");
        open(SarvamProtocolServer.API_KEY);
        new TestSpeech(RATE).speech(400).pushTo(session);
        session.close();
        session.endOfSpeech();

        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(1)).until(() -> listener.transcripts.isEmpty());
        assertThat(server.requests()).isEmpty();
    }
}
