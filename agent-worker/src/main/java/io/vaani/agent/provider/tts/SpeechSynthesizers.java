package io.vaani.agent.provider.tts;

import io.vaani.agent.provider.ProviderConfig;
import io.vaani.agent.provider.tts.cartesia.CartesiaTextToSpeech;
import io.vaani.agent.provider.tts.deepgram.DeepgramTextToSpeech;
import io.vaani.agent.provider.tts.elevenlabs.ElevenLabsTextToSpeech;
import io.vaani.agent.provider.tts.local.EspeakTextToSpeech;
import io.vaani.agent.provider.tts.openai.OpenAiTextToSpeech;
import io.vaani.agent.provider.tts.sarvam.SarvamTextToSpeech;
import io.vaani.contracts.agent.Providers;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.Locale;

/** The TTS provider an agent names ({@link Providers#TTS}), built from the configured keys and addresses. */
@Singleton
public class SpeechSynthesizers {

    private final ProviderConfig config;
    private final HttpClient client;
    private final EspeakTextToSpeech local = new EspeakTextToSpeech();

    @Inject
    public SpeechSynthesizers(ProviderConfig config) {
        this(config, HttpClient.newBuilder().connectTimeout(config.connectTimeout()).build());
    }

    public SpeechSynthesizers(ProviderConfig config, HttpClient client) {
        this.config = config;
        this.client = client;
    }

    /**
     * The provider by its agent-facing name; fails with the setting to fix when the name is unknown
     * or the provider's key is missing.
     */
    public TextToSpeech forProvider(String name) {
        String provider = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        if (!Providers.TTS.supports(provider)) {
            throw new IllegalArgumentException("unknown TTS provider '" + name + "'; known: " + Providers.TTS.names());
        }
        return switch (provider) {
            case "elevenlabs" -> new ElevenLabsTextToSpeech(client, websocketUrl(config.elevenlabs(), "https://api.elevenlabs.io"),
                    key(provider, config.elevenlabs()), config.connectTimeout());
            case "cartesia" -> new CartesiaTextToSpeech(client, websocketUrl(config.cartesia(), "https://api.cartesia.ai"),
                    key(provider, config.cartesia()), config.connectTimeout());
            case "deepgram" -> new DeepgramTextToSpeech(client, baseUrl(config.deepgram(), "https://api.deepgram.com"),
                    key(provider, config.deepgram()), config.connectTimeout());
            case "openai" -> new OpenAiTextToSpeech(client, baseUrl(config.openai(), "https://api.openai.com/v1"),
                    key(provider, config.openai()), config.connectTimeout());
            case "sarvam" -> new SarvamTextToSpeech(client, baseUrl(config.sarvam(), "https://api.sarvam.ai"),
                    key(provider, config.sarvam()), config.connectTimeout());
            case "local" -> local;
            default -> throw new IllegalArgumentException("no TTS implementation for '" + provider + "'");
        };
    }

    private static String key(String provider, ProviderConfig.Endpoint endpoint) {
        return endpoint.apiKey().filter(key -> !key.isBlank()).orElseThrow(() -> new IllegalStateException(
                "TTS provider " + provider + " has no key: set vaani.providers." + provider + ".api-key ("
                        + provider.toUpperCase(Locale.ROOT) + "_API_KEY)"));
    }

    private static URI baseUrl(ProviderConfig.Endpoint endpoint, String publicUrl) {
        return URI.create(endpoint.baseUrl().filter(url -> !url.isBlank()).orElse(publicUrl));
    }

    /** The websocket address when set, else the REST base with ws(s) for http(s). */
    private static URI websocketUrl(ProviderConfig.Endpoint endpoint, String publicUrl) {
        return endpoint.websocketUrl().filter(url -> !url.isBlank()).map(URI::create)
                .orElseGet(() -> URI.create(baseUrl(endpoint, publicUrl).toString().replaceFirst("^http", "ws")));
    }
}
