package io.vaani.agent.provider.stt;

import io.vaani.agent.provider.ProviderConfig;
import io.vaani.agent.provider.ProviderConfig.Endpoint;
import io.vaani.agent.provider.ProviderException;
import io.vaani.agent.provider.stt.cartesia.CartesiaSpeechToText;
import io.vaani.agent.provider.stt.deepgram.DeepgramSpeechToText;
import io.vaani.agent.provider.stt.local.PocketSphinxSpeechToText;
import io.vaani.agent.provider.stt.openai.OpenAiSpeechToText;
import io.vaani.agent.provider.stt.sarvam.SarvamStreamingSpeechToText;
import io.vaani.contracts.agent.Providers;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.Locale;

/**
 * The speech-to-text provider for an agent's STT name ({@link Providers#STT}), built from
 * {@link ProviderConfig}: keys, and addresses that default to the providers' public ones (a
 * websocket address not set is derived from the REST one, http becoming ws). Sarvam is served by
 * its streaming endpoint; {@link io.vaani.agent.provider.stt.sarvam.SarvamSpeechToText} is the
 * per-utterance REST alternative. {@code local} is PocketSphinx, offline and keyless, for development.
 */
@Singleton
public class SpeechRecognizers {
    private final ProviderConfig config;
    private final HttpClient http;
    private final StreamTiming timing;

    @Inject
    public SpeechRecognizers(ProviderConfig config) {
        this(config, HttpClient.newBuilder().connectTimeout(config.connectTimeout()).build(), StreamTiming.DEFAULT);
    }

    public SpeechRecognizers(ProviderConfig config, HttpClient http, StreamTiming timing) {
        this.config = config;
        this.http = http;
        this.timing = timing;
    }

    /** @throws ProviderException (not retryable) when the provider has no key; IllegalArgumentException for a name no agent may have */
    public SpeechToText forProvider(String name) {
        String provider = name == null ? "" : name.toLowerCase(Locale.ROOT);
        return switch (provider) {
            case "deepgram" -> new DeepgramSpeechToText(http, key(provider, config.deepgram(), "DEEPGRAM_API_KEY"),
                    websocket(config.deepgram(), "https://api.deepgram.com/v1"), config.connectTimeout(), timing);
            case "cartesia" -> new CartesiaSpeechToText(http, key(provider, config.cartesia(), "CARTESIA_API_KEY"),
                    websocket(config.cartesia(), "https://api.cartesia.ai"), config.connectTimeout(), timing);
            case "sarvam" -> new SarvamStreamingSpeechToText(http, key(provider, config.sarvam(), "SARVAM_API_KEY"),
                    websocket(config.sarvam(), "https://api.sarvam.ai"), config.connectTimeout(), timing);
            case "openai" -> new OpenAiSpeechToText(http, key(provider, config.openai(), "OPENAI_API_KEY"),
                    rest(config.openai(), "https://api.openai.com/v1"));
            case "local" -> new PocketSphinxSpeechToText();
            default -> throw new IllegalArgumentException("unknown STT provider '" + name + "'; known: " + Providers.STT.names());
        };
    }

    private static String key(String provider, Endpoint endpoint, String variable) {
        return endpoint.apiKey().filter(key -> !key.isBlank()).orElseThrow(() -> new ProviderException(provider, 0, false, null,
                "no API key: set " + variable + " (vaani.providers." + provider + ".api-key)", null));
    }

    static URI rest(Endpoint endpoint, String publicBase) {
        return URI.create(endpoint.baseUrl().filter(url -> !url.isBlank()).orElse(publicBase));
    }

    static URI websocket(Endpoint endpoint, String publicBase) {
        return endpoint.websocketUrl().filter(url -> !url.isBlank()).map(URI::create)
                .orElseGet(() -> URI.create(rest(endpoint, publicBase).toString().replaceFirst("^http", "ws")));
    }
}
