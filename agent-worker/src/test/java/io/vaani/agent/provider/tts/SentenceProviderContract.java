package io.vaani.agent.provider.tts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What providers with a request per sentence add to the contract: the next sentences are requested while the first plays. */
public abstract class SentenceProviderContract<S extends ProtocolServer> extends SpeechProviderContract<S> {

    @Test
    void requestsTheNextSentencesWhileTheFirstIsStillStreaming() {
        server.chunkDelay(40);
        try (TtsSession session = tts(server, server.apiKey()).open(options(16_000), listener)) {
            session.push("First sentence of the answer.");
            session.push("Second sentence.");
            session.push("Third sentence.");
            session.flush();
            await().atMost(WAIT).pollInterval(Duration.ofMillis(5)).until(() -> server.texts().size() == 3);
            assertThat(listener.doneCount()).as("all three were asked for before the answer ended").isZero();
            await().atMost(WAIT).until(() -> listener.doneCount() == 1);
        }
        assertThat(server.texts()).containsExactlyInAnyOrder("First sentence of the answer.", "Second sentence.", "Third sentence.");
    }
}
