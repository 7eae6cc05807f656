package io.vaani.agent.provider.stt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.vaani.agent.provider.ProviderConfig;
import io.vaani.agent.provider.ProviderException;
import io.vaani.agent.provider.stt.cartesia.CartesiaSpeechToText;
import io.vaani.agent.provider.stt.deepgram.DeepgramProtocolServer;
import io.vaani.agent.provider.stt.deepgram.DeepgramSpeechToText;
import io.vaani.agent.provider.stt.openai.OpenAiSpeechToText;
import io.vaani.agent.provider.stt.sarvam.SarvamStreamingSpeechToText;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SpeechRecognizersTest {

    record Keyed(Optional<String> apiKey, Optional<String> baseUrl, Optional<String> websocketUrl)
            implements ProviderConfig.Endpoint {
        static Keyed key(String key) {
            return new Keyed(Optional.of(key), Optional.empty(), Optional.empty());
        }

        static Keyed none() {
            return new Keyed(Optional.empty(), Optional.empty(), Optional.empty());
        }
    }

    record Config(Map<String, Keyed> endpoints) implements ProviderConfig {
        public Duration connectTimeout() {
            return Duration.ofSeconds(5);
        }

        private ProviderConfig.Endpoint of(String name) {
            return endpoints.getOrDefault(name, Keyed.none());
        }

        public ProviderConfig.Endpoint openai() {
            return of("openai");
        }

        public ProviderConfig.Endpoint groq() {
            return of("groq");
        }

        public ProviderConfig.Endpoint deepgram() {
            return of("deepgram");
        }

        public ProviderConfig.Endpoint elevenlabs() {
            return of("elevenlabs");
        }

        public ProviderConfig.Endpoint cartesia() {
            return of("cartesia");
        }

        public ProviderConfig.Endpoint sarvam() {
            return of("sarvam");
        }
    }

    private static SpeechRecognizers recognizers(Map<String, Keyed> endpoints) {
        return new SpeechRecognizers(new Config(endpoints), HttpClient.newHttpClient(), StreamTiming.DEFAULT);
    }

    @Test
    void picksTheImplementationByTheAgentsProviderName() {
        SpeechRecognizers recognizers = recognizers(Map.of("deepgram", Keyed.key("d"), "cartesia", Keyed.key("c"),
                "sarvam", Keyed.key("s"), "openai", Keyed.key("o")));

        assertThat(recognizers.forProvider("deepgram")).isInstanceOf(DeepgramSpeechToText.class);
        assertThat(recognizers.forProvider("cartesia")).isInstanceOf(CartesiaSpeechToText.class);
        assertThat(recognizers.forProvider("sarvam")).isInstanceOf(SarvamStreamingSpeechToText.class);
        assertThat(recognizers.forProvider("openai")).isInstanceOf(OpenAiSpeechToText.class);
    }

    @Test
    void aMissingKeyNamesTheVariableToSet() {
        SpeechRecognizers recognizers = recognizers(Map.of("deepgram", new Keyed(Optional.of(" "), Optional.empty(), Optional.empty())));

        assertThatThrownBy(() -> recognizers.forProvider("deepgram")).isInstanceOf(ProviderException.class)
                .hasMessageContaining("DEEPGRAM_API_KEY").satisfies(e -> assertThat(((ProviderException) e).retryable()).isFalse());
        assertThatThrownBy(() -> recognizers.forProvider("openai")).hasMessageContaining("OPENAI_API_KEY");
    }

    @Test
    void localIsTheOfflineRecognizerAndNeedsNoKey() {
        assertThat(recognizers(Map.of()).forProvider("local")).isInstanceOf(io.vaani.agent.provider.stt.local.PocketSphinxSpeechToText.class);
    }

    @Test
    void anUnknownNameIsAnArgumentError() {
        assertThatThrownBy(() -> recognizers(Map.of()).forProvider("whisper.cpp")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("deepgram");
    }

    @Test
    void theWebsocketAddressIsDerivedFromTheRestOne() throws Exception {
        try (DeepgramProtocolServer server = DeepgramProtocolServer.start()) {
            server.script().say("derived address works");
            SpeechRecognizers recognizers = recognizers(Map.of("deepgram",
                    new Keyed(Optional.of(DeepgramProtocolServer.API_KEY), Optional.of(server.baseUrl()), Optional.empty())));
            RecordingListener listener = new RecordingListener();
            SttSession session = recognizers.forProvider("deepgram").open(new SttOptions("nova-3", "en", 16_000), listener);
            new TestSpeech(16_000).speech(400).pushTo(session);
            session.endOfSpeech();

            await().atMost(Duration.ofSeconds(5)).until(() -> listener.finals().size() == 1);
            session.close();
            assertThat(listener.finalTexts()).containsExactly("derived address works");
        }
    }
}
