package io.vaani.agent.provider.tts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vaani.agent.provider.ProviderException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every TTS provider owes the pipeline, checked against the provider's local protocol
 * server: speech in push order at the session's rate, answers one after the other, refusals and
 * dropped connections as {@link ProviderException}s, barge-in that stops everything at once.
 */
public abstract class SpeechProviderContract<S extends ProtocolServer> {
    protected static final Duration WAIT = Duration.ofSeconds(10);

    protected final HttpClient client = HttpClient.newHttpClient();
    protected final RecordingListener listener = new RecordingListener();
    protected S server;

    protected abstract S startServer();

    protected abstract TextToSpeech tts(S server, String apiKey);

    /** The rate the provider is asked for when the session wants {@code sessionRate}. */
    protected abstract int providerRate(int sessionRate);

    /** What the provider answers a wrong key with. */
    protected abstract int authFailureStatus();

    protected abstract String provider();

    /** Options that the provider and its server accept. */
    protected TtsOptions options(int sampleRate) {
        return new TtsOptions(Optional.empty(), Optional.empty(), "en-US", sampleRate);
    }

    @BeforeEach
    void startProtocolServer() {
        server = startServer();
    }

    @AfterEach
    void stopProtocolServer() {
        server.close();
    }

    @Test
    void speaksEverySentenceInOrderAtTheSessionRate() {
        List<String> sentences = List.of("Hello, this is Vaani.", "I am calling about your order.", "Is now a good time?");
        int sessionRate = 16_000;
        try (TtsSession session = tts(server, server.apiKey()).open(options(sessionRate), listener)) {
            sentences.forEach(session::push);
            session.flush();
            await().atMost(WAIT).until(() -> listener.doneCount() == 1);
        }
        assertThat(server.texts()).containsExactlyInAnyOrderElementsOf(sentences);
        assertThat(listener.errors()).isEmpty();
        assertThat(listener.frames()).allSatisfy(frame -> assertThat(frame.sampleRate()).isEqualTo(sessionRate));
        if (providerRate(sessionRate) == sessionRate) {
            // nothing to convert: the caller hears exactly what the server sent, sentence after sentence
            short[] expected = new short[0];
            for (String sentence : sentences) {
                expected = join(expected, EspeakAudio.speak(sentence, sessionRate));
            }
            assertThat(listener.samples()).isEqualTo(expected);
        } else {
            double expected = server.totalSentSamples() * (double) sessionRate / providerRate(sessionRate);
            assertThat((double) listener.samples().length).isBetween(expected - 3, expected + 3);
        }
    }

    private static short[] join(short[] a, short[] b) {
        short[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

    @Test
    void convertsFromTheProviderRateWhenTheSessionRateIsNotOffered() {
        int sessionRate = 44_100;
        try (TtsSession session = tts(server, server.apiKey()).open(options(sessionRate), listener)) {
            session.push("One more thing.");
            session.flush();
            await().atMost(WAIT).until(() -> listener.doneCount() == 1);
        }
        double expected = server.totalSentSamples() * (double) sessionRate / providerRate(sessionRate);
        assertThat((double) listener.samples().length).isBetween(expected - 2, expected + 2);
        assertThat(EspeakAudio.rms(listener.samples())).isGreaterThan(500);
    }

    @Test
    void aWrongKeyFailsTheAnswerAsNotRetryable() {
        try (TtsSession session = tts(server, "wrong-key").open(options(16_000), listener)) {
            session.push("Hello.");
            session.flush();
            await().atMost(WAIT).until(() -> !listener.errors().isEmpty());
        }
        ProviderException error = listener.errors().getFirst();
        assertThat(error.provider()).isEqualTo(provider());
        assertThat(error.status()).isEqualTo(authFailureStatus());
        assertThat(error.retryable()).isFalse();
        assertThat(listener.doneCount()).isZero();
        assertThat(server.texts()).isEmpty();
    }

    @Test
    void aRateLimitIsRetryableWithTheWaitAskedForAndTheNextAnswerSpeaks() {
        server.failNext(new ProtocolServer.Refusal(429, "Too many requests", "3"));
        try (TtsSession session = tts(server, server.apiKey()).open(options(16_000), listener)) {
            session.push("This one is refused.");
            session.flush();
            await().atMost(WAIT).until(() -> !listener.errors().isEmpty());

            session.push("A new answer.");
            session.flush();
            await().atMost(WAIT).until(() -> listener.doneCount() == 1);
        }
        ProviderException error = listener.errors().getFirst();
        assertThat(error.status()).isEqualTo(429);
        assertThat(error.retryable()).isTrue();
        assertThat(error.retryAfter()).contains(Duration.ofSeconds(3));
        assertThat(listener.errors()).hasSize(1);
        assertThat(server.texts()).containsExactly("A new answer.");
    }

    @Test
    void aServerErrorIsRetryable() {
        server.failNext(new ProtocolServer.Refusal(503, "overloaded", null));
        try (TtsSession session = tts(server, server.apiKey()).open(options(16_000), listener)) {
            session.push("Hello.");
            session.flush();
            await().atMost(WAIT).until(() -> !listener.errors().isEmpty());
        }
        assertThat(listener.errors().getFirst().status()).isEqualTo(503);
        assertThat(listener.errors().getFirst().retryable()).isTrue();
    }

    @Test
    void aDroppedConnectionFailsTheAnswerAsRetryable() {
        server.failNext(new ProtocolServer.Drop());
        try (TtsSession session = tts(server, server.apiKey()).open(options(16_000), listener)) {
            session.push("This answer is cut off in the middle of its audio.");
            session.flush();
            await().atMost(WAIT).until(() -> !listener.errors().isEmpty());
        }
        assertThat(listener.errors().getFirst().status()).as("no HTTP status: the connection failed").isIn(0, 1000, 1006);
        assertThat(listener.errors().getFirst().retryable()).isTrue();
        assertThat(listener.doneCount()).isZero();
    }

    @Test
    void cancelStopsTheAnswerAtOnceAndTheSessionSpeaksTheNextOne() {
        server.chunkDelay(40);
        int afterCancel;
        try (TtsSession session = tts(server, server.apiKey()).open(options(16_000), listener)) {
            session.push("This is a long first sentence that the caller interrupts.");
            session.push("This second sentence is never heard.");
            session.push("Nor is this third one.");
            await().atMost(WAIT).until(() -> listener.audioEventCount() > 0);

            session.cancel();
            afterCancel = listener.events().size();
            await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(3)).until(() -> listener.events().size() == afterCancel);

            server.chunkDelay(0);
            session.push("Sorry, go ahead.");
            session.flush();
            await().atMost(WAIT).until(() -> listener.doneCount() == 1);
        }
        assertThat(listener.errors()).isEmpty();
        double expected = server.sentSamples("Sorry, go ahead.");
        assertThat((double) listener.samplesFrom(afterCancel).length).isBetween(expected * 16_000 / providerRate(16_000) - 2,
                expected * 16_000 / providerRate(16_000) + 2);
    }

    @Test
    void answersPushedBackToBackArePlayedOneAfterTheOther() {
        server.chunkDelay(10);
        try (TtsSession session = tts(server, server.apiKey()).open(options(16_000), listener)) {
            session.push("The first answer is somewhat longer than the second.");
            session.flush();
            session.push("Second answer.");
            session.flush();
            await().atMost(WAIT).until(() -> listener.doneCount() == 2);
        }
        List<short[]> answers = listener.answers();
        double first = server.sentSamples("The first answer is somewhat longer than the second.") * 16_000.0 / providerRate(16_000);
        double second = server.sentSamples("Second answer.") * 16_000.0 / providerRate(16_000);
        assertThat((double) answers.get(0).length).isBetween(first - 2, first + 2);
        assertThat((double) answers.get(1).length).isBetween(second - 2, second + 2);
    }

    @Test
    void flushWithoutTextStillEndsTheAnswer() {
        try (TtsSession session = tts(server, server.apiKey()).open(options(16_000), listener)) {
            session.flush();
            await().atMost(WAIT).until(() -> listener.doneCount() == 1);
        }
        assertThat(server.texts()).isEmpty();
        assertThat(listener.frames()).isEmpty();
    }
}
