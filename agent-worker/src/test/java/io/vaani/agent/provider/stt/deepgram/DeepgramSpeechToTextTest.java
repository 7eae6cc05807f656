package io.vaani.agent.provider.stt.deepgram;

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
import io.vaani.agent.provider.stt.Transcript;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeepgramSpeechToTextTest {
    private static final int RATE = 16_000;
    private static final SttOptions OPTIONS = new SttOptions("nova-3", "en-US", RATE);
    private static final StreamTiming TIMING = new StreamTiming(Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofSeconds(5));

    private DeepgramProtocolServer server;
    private final RecordingListener listener = new RecordingListener();
    private SttSession session;

    @BeforeEach
    void start() throws Exception {
        server = DeepgramProtocolServer.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (session != null) {
            session.close();
        }
        server.close();
    }

    private SttSession open(String key) {
        var stt = new DeepgramSpeechToText(HttpClient.newHttpClient(), key, URI.create(server.websocketUrl() + "/v1"),
                Duration.ofSeconds(5), TIMING);
        session = stt.open(OPTIONS, listener);
        return session;
    }

    /** Pushes at four times real time, so that a drop is noticed about where it happened. */
    private static void pace(SttSession session, TestSpeech speech) {
        speech.paceTo(session, Duration.ofMillis(5));
    }

    @Test
    void transcribesUtterancesWithInterimsBeforeTheirFinalsTimedByTheAudio() {
        server.script().say("Hello, I would like to talk about my order.", "Tomorrow at ten works.");
        open(DeepgramProtocolServer.API_KEY);
        new TestSpeech(RATE).speech(1200).silence(800).speech(1000).silence(800).pushTo(session);

        await().atMost(Duration.ofSeconds(10)).until(() -> listener.finals().size() == 2);
        assertThat(listener.finalTexts()).containsExactly("Hello, I would like to talk about my order.", "Tomorrow at ten works.");
        Transcript first = listener.finals().get(0);
        Transcript second = listener.finals().get(1);
        assertThat(first.start().toMillis()).isCloseTo(0, within(40L));
        assertThat(first.end().toMillis()).isCloseTo(1200, within(40L));
        assertThat(second.start().toMillis()).isCloseTo(2000, within(40L));
        assertThat(first.confidence()).isGreaterThan(0.9);
        List<Transcript> all = listener.transcripts;
        int firstFinal = all.indexOf(first);
        assertThat(all.subList(0, firstFinal)).isNotEmpty().allSatisfy(t -> {
            assertThat(t.isFinal()).isFalse();
            assertThat(first.text()).startsWith(t.text());
        });
        assertThat(listener.speechStarts).hasSize(2);
        assertThat(listener.utteranceEnds).hasSize(2);
        assertThat(listener.errors).isEmpty();
        assertThat(server.requests().getFirst()).containsEntry(":path", "/v1/listen").containsEntry("model", "nova-3")
                .containsEntry("language", "en-US").containsEntry("encoding", "linear16").containsEntry("sample_rate", "16000")
                .containsEntry("channels", "1").containsEntry("interim_results", "true").containsEntry("punctuate", "true")
                .containsEntry("smart_format", "true").containsEntry("endpointing", "300").containsEntry("vad_events", "true")
                .containsEntry("utterance_end_ms", "1000");
    }

    @Test
    void endOfSpeechFinalizesTheUtteranceAtOnce() {
        server.script().say("yes please");
        open(DeepgramProtocolServer.API_KEY);
        new TestSpeech(RATE).speech(600).pushTo(session);
        session.endOfSpeech();

        await().atMost(Duration.ofSeconds(5)).until(() -> listener.finals().size() == 1);
        assertThat(listener.finalTexts()).containsExactly("yes please");
        assertThat(server.texts()).contains("{\"type\":\"Finalize\"}");
    }

    @Test
    void audioGoesOutIn50MillisecondMessagesAndTheRestBeforeFinalize() {
        server.script().say("yes please");
        open(DeepgramProtocolServer.API_KEY);
        new TestSpeech(RATE).speech(440).pushTo(session);
        session.endOfSpeech();

        await().atMost(Duration.ofSeconds(5)).until(() -> listener.finals().size() == 1);
        int chunkBytes = RATE / 20 * 2;
        assertThat(server.audioMessages()).containsExactly(chunkBytes, chunkBytes, chunkBytes, chunkBytes, chunkBytes, chunkBytes,
                chunkBytes, chunkBytes, chunkBytes * 4 / 5);
        assertThat(server.texts()).containsExactly("{\"type\":\"Finalize\"}");
    }

    @Test
    void closeSendsCloseStreamAndDeliversTheLastWordsBeforeReturning() {
        server.script().say("goodbye then");
        open(DeepgramProtocolServer.API_KEY);
        new TestSpeech(RATE).speech(600).pushTo(session);
        await().until(() -> !listener.interims().isEmpty());

        session.close();

        assertThat(listener.finalTexts()).containsExactly("goodbye then");
        assertThat(server.texts()).contains("{\"type\":\"CloseStream\"}");
        int events = listener.transcripts.size();
        session.push(new AudioFrame(new short[320], RATE));
        session.endOfSpeech();
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> listener.transcripts.size() == events);
        assertThat(listener.transcripts).hasSize(events);
        assertThat(listener.errors).isEmpty();
    }

    @Test
    void keepAliveHoldsAQuietStreamOpen() {
        server.idleTimeout(600);
        open(DeepgramProtocolServer.API_KEY);
        new TestSpeech(RATE).silence(100).pushTo(session);

        await().atMost(Duration.ofSeconds(10)).until(() -> server.texts().stream().filter("{\"type\":\"KeepAlive\"}"::equals).count() >= 3);

        assertThat(server.texts()).filteredOn("{\"type\":\"KeepAlive\"}"::equals).hasSizeGreaterThanOrEqualTo(3);
        assertThat(listener.errors).isEmpty();
    }

    @Test
    void aStreamWithoutAudioOrKeepAliveIsClosedByDeepgram() {
        server.idleTimeout(300);
        var stt = new DeepgramSpeechToText(HttpClient.newHttpClient(), DeepgramProtocolServer.API_KEY,
                URI.create(server.websocketUrl() + "/v1"), Duration.ofSeconds(5),
                new StreamTiming(Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(5)));
        session = stt.open(OPTIONS, listener);

        await().atMost(Duration.ofSeconds(5)).until(() -> !listener.errors.isEmpty());
        ProviderException error = listener.errors.getFirst();
        assertThat(error.status()).isEqualTo(1011);
        assertThat(error.retryable()).isTrue();
        assertThat(error.getMessage()).contains("NET-0001");
    }

    @Test
    void aWrongKeyIsRefusedAt401AndNotRetried() {
        open("wrong-key");
        new TestSpeech(RATE).speech(200).pushTo(session);

        await().atMost(Duration.ofSeconds(5)).until(() -> !listener.errors.isEmpty());
        ProviderException error = listener.errors.getFirst();
        assertThat(error.provider()).isEqualTo("deepgram");
        assertThat(error.status()).isEqualTo(401);
        assertThat(error.retryable()).isFalse();
        assertThat(error.getMessage()).contains("INVALID_AUTH");
        assertThat(listener.errors).hasSize(1);
    }

    @Test
    void anUnknownModelIsABadRequest() {
        session = new DeepgramSpeechToText(HttpClient.newHttpClient(), DeepgramProtocolServer.API_KEY,
                URI.create(server.websocketUrl() + "/v1"), Duration.ofSeconds(5), TIMING)
                .open(new SttOptions("nova-9", "en-US", RATE), listener);

        await().atMost(Duration.ofSeconds(5)).until(() -> !listener.errors.isEmpty());
        assertThat(listener.errors.getFirst().status()).isEqualTo(400);
        assertThat(listener.errors.getFirst().retryable()).isFalse();
    }

    @Test
    void aRateLimitedHandshakeIsRetryableAfterTheAskedWait() {
        server.refuseNextHandshake(429, Map.of("Retry-After", "3"), "{\"err_code\":\"TOO_MANY_REQUESTS\",\"err_msg\":\"Too many requests.\"}");
        open(DeepgramProtocolServer.API_KEY);

        await().atMost(Duration.ofSeconds(5)).until(() -> !listener.errors.isEmpty());
        ProviderException error = listener.errors.getFirst();
        assertThat(error.status()).isEqualTo(429);
        assertThat(error.retryable()).isTrue();
        assertThat(error.retryAfter()).contains(Duration.ofSeconds(3));
    }

    @Test
    void anInternalErrorCloseMidStreamEndsTheSessionAsRetryable() {
        server.script().say("one two three");
        server.closeAfterAudio(0.4, 1011, "NET-0000: The service has not transmitted a Text frame to the client within the timeout window.");
        open(DeepgramProtocolServer.API_KEY);
        pace(session, new TestSpeech(RATE).speech(1000));

        await().atMost(Duration.ofSeconds(5)).until(() -> !listener.errors.isEmpty());
        ProviderException error = listener.errors.getFirst();
        assertThat(error.status()).isEqualTo(1011);
        assertThat(error.retryable()).isTrue();
        assertThat(error.getMessage()).contains("NET-0000");
        assertThat(server.streams()).isEqualTo(1);
    }

    @Test
    void undecodableDataClosedWith1008IsNotRetryable() {
        server.closeAfterAudio(0.2, 1008, "DATA-0000: The payload cannot be decoded as audio.");
        open(DeepgramProtocolServer.API_KEY);
        pace(session, new TestSpeech(RATE).speech(400));

        await().atMost(Duration.ofSeconds(5)).until(() -> !listener.errors.isEmpty());
        assertThat(listener.errors.getFirst().status()).isEqualTo(1008);
        assertThat(listener.errors.getFirst().retryable()).isFalse();
    }

    @Test
    void aDroppedConnectionIsReopenedOnceAndTimesContinueInTheSession() {
        server.script().say("lost with the connection", "heard on the new connection", "and the next utterance");
        server.dropAfterAudio(0.3);
        open(DeepgramProtocolServer.API_KEY);
        pace(session, new TestSpeech(RATE).speech(1500).silence(800).speech(600).silence(800));

        await().atMost(Duration.ofSeconds(10)).until(() -> listener.finals().size() == 2);
        assertThat(listener.finalTexts()).containsExactly("heard on the new connection", "and the next utterance");
        assertThat(listener.finals().get(1).start().toMillis()).isCloseTo(2300, within(40L));
        assertThat(listener.errors).isEmpty();
        assertThat(server.streams()).isEqualTo(2);
    }

    @Test
    void aSecondDropEndsTheSessionAsRetryable() {
        server.dropAfterAudio(0.2);
        open(DeepgramProtocolServer.API_KEY);
        pace(session, new TestSpeech(RATE).speech(400));
        await().atMost(Duration.ofSeconds(5)).until(() -> server.streams() == 2);

        server.dropAfterAudio(0.2);
        pace(session, new TestSpeech(RATE).speech(400));

        await().atMost(Duration.ofSeconds(5)).until(() -> !listener.errors.isEmpty());
        assertThat(listener.errors.getFirst().status()).isEqualTo(1006);
        assertThat(listener.errors.getFirst().retryable()).isTrue();
        assertThat(server.streams()).isEqualTo(2);
    }

    @Test
    void aRefusedReconnectionEndsTheSessionWithItsStatus() {
        open(DeepgramProtocolServer.API_KEY);
        new TestSpeech(RATE).silence(100).pushTo(session);
        await().atMost(Duration.ofSeconds(5)).until(() -> server.streams() == 1);
        server.refuseNextHandshake(503, Map.of(), "{\"err_code\":\"SERVICE_UNAVAILABLE\",\"err_msg\":\"Try again.\"}");
        server.dropAfterAudio(0.2);
        pace(session, new TestSpeech(RATE).speech(400));

        await().atMost(Duration.ofSeconds(5)).until(() -> !listener.errors.isEmpty());
        assertThat(listener.errors).extracting(ProviderException::status).containsExactly(503);
        assertThat(listener.errors.getFirst().retryable()).isTrue();
    }
}
