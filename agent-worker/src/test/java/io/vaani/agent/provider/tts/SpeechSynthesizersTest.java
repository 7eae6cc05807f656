package io.vaani.agent.provider.tts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.vaani.agent.provider.ProviderConfig;
import io.vaani.agent.provider.tts.cartesia.CartesiaTextToSpeech;
import io.vaani.agent.provider.tts.deepgram.DeepgramTextToSpeech;
import io.vaani.agent.provider.tts.elevenlabs.ElevenLabsProtocolServer;
import io.vaani.agent.provider.tts.elevenlabs.ElevenLabsTextToSpeech;
import io.vaani.agent.provider.tts.local.EspeakTextToSpeech;
import io.vaani.agent.provider.tts.openai.OpenAiTextToSpeech;
import io.vaani.agent.provider.tts.sarvam.SarvamTextToSpeech;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SpeechSynthesizersTest {

    @Test
    void picksTheImplementationByTheAgentsProviderName() {
        SpeechSynthesizers synthesizers = new SpeechSynthesizers(config(Map.of(
                "openai", endpoint("k1", null, null), "deepgram", endpoint("k2", null, null), "elevenlabs", endpoint("k3", null, null),
                "cartesia", endpoint("k4", null, null), "sarvam", endpoint("k5", null, null))), HttpClient.newHttpClient());

        assertThat(synthesizers.forProvider("elevenlabs")).isInstanceOf(ElevenLabsTextToSpeech.class);
        assertThat(synthesizers.forProvider("cartesia")).isInstanceOf(CartesiaTextToSpeech.class);
        assertThat(synthesizers.forProvider("deepgram")).isInstanceOf(DeepgramTextToSpeech.class);
        assertThat(synthesizers.forProvider("openai")).isInstanceOf(OpenAiTextToSpeech.class);
        assertThat(synthesizers.forProvider("Sarvam")).isInstanceOf(SarvamTextToSpeech.class);
        assertThat(synthesizers.forProvider("local")).isInstanceOf(EspeakTextToSpeech.class);
    }

    @Test
    void aMissingKeyOrAnUnknownNameFailsClearly() {
        SpeechSynthesizers synthesizers = new SpeechSynthesizers(config(Map.of("elevenlabs", endpoint("  ", null, null))), HttpClient.newHttpClient());

        assertThatThrownBy(() -> synthesizers.forProvider("elevenlabs")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("vaani.providers.elevenlabs.api-key").hasMessageContaining("ELEVENLABS_API_KEY");
        assertThatThrownBy(() -> synthesizers.forProvider("cartesia")).hasMessageContaining("CARTESIA_API_KEY");
        assertThatThrownBy(() -> synthesizers.forProvider("polly")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("polly").hasMessageContaining("elevenlabs");
        assertThat(synthesizers.forProvider("local")).isNotNull();
    }

    @Test
    void theWebsocketAddressFollowsTheConfiguredBaseUrl() {
        try (ElevenLabsProtocolServer server = ElevenLabsProtocolServer.start()) {
            SpeechSynthesizers synthesizers = new SpeechSynthesizers(
                    config(Map.of("elevenlabs", endpoint(server.apiKey(), server.httpUrl(), null))), HttpClient.newHttpClient());
            RecordingListener listener = new RecordingListener();
            try (TtsSession session = synthesizers.forProvider("elevenlabs").open(new TtsOptions(Optional.empty(), Optional.empty(), "en", 16_000), listener)) {
                session.push("Hello.");
                session.flush();
                await().atMost(Duration.ofSeconds(10)).until(() -> listener.doneCount() == 1);
            }
            assertThat(server.texts()).containsExactly("Hello.");
        }
    }

    private static ProviderConfig.Endpoint endpoint(String key, String baseUrl, String websocketUrl) {
        return new ProviderConfig.Endpoint() {
            @Override
            public Optional<String> apiKey() {
                return Optional.ofNullable(key);
            }

            @Override
            public Optional<String> baseUrl() {
                return Optional.ofNullable(baseUrl);
            }

            @Override
            public Optional<String> websocketUrl() {
                return Optional.ofNullable(websocketUrl);
            }
        };
    }

    private static ProviderConfig config(Map<String, ProviderConfig.Endpoint> endpoints) {
        ProviderConfig.Endpoint none = endpoint(null, null, null);
        return new ProviderConfig() {
            @Override
            public Duration connectTimeout() {
                return Duration.ofSeconds(5);
            }

            @Override
            public Endpoint openai() {
                return endpoints.getOrDefault("openai", none);
            }

            @Override
            public Endpoint groq() {
                return endpoints.getOrDefault("groq", none);
            }

            @Override
            public Endpoint deepgram() {
                return endpoints.getOrDefault("deepgram", none);
            }

            @Override
            public Endpoint elevenlabs() {
                return endpoints.getOrDefault("elevenlabs", none);
            }

            @Override
            public Endpoint cartesia() {
                return endpoints.getOrDefault("cartesia", none);
            }

            @Override
            public Endpoint sarvam() {
                return endpoints.getOrDefault("sarvam", none);
            }
        };
    }
}
