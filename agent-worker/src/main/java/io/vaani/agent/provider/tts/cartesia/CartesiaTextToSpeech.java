package io.vaani.agent.provider.tts.cartesia;

import io.vaani.agent.provider.tts.TextToSpeech;
import io.vaani.agent.provider.tts.TtsListener;
import io.vaani.agent.provider.tts.TtsOptions;
import io.vaani.agent.provider.tts.TtsSession;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Cartesia Sonic over its websocket ({@code /tts/websocket}): one connection per call, one context
 * per answer fed with continuations, raw {@code pcm_s16le} at the session's rate when Cartesia
 * offers it; barge-in cancels the answer's context.
 */
public final class CartesiaTextToSpeech implements TextToSpeech {
    static final String PROVIDER = "cartesia";
    static final String API_VERSION = "2025-04-16";
    static final String DEFAULT_MODEL = "sonic-2";
    /** A stock voice ("Katie"). */
    static final String DEFAULT_VOICE = "f786b574-daa5-4673-aa0c-cbe3e8534c02";
    static final Set<Integer> RATES = Set.of(8_000, 16_000, 22_050, 24_000, 44_100, 48_000);

    private final HttpClient client;
    private final URI websocketUrl;
    private final String apiKey;
    private final Duration connectTimeout;

    /** {@code websocketUrl}: {@code wss://api.cartesia.ai} or a proxy's. */
    public CartesiaTextToSpeech(HttpClient client, URI websocketUrl, String apiKey, Duration connectTimeout) {
        this.client = client;
        this.websocketUrl = websocketUrl;
        this.apiKey = apiKey;
        this.connectTimeout = connectTimeout;
    }

    @Override
    public TtsSession open(TtsOptions options, TtsListener listener) {
        int rate = providerRate(options.sampleRate());
        URI uri = URI.create(websocketUrl.toString().replaceAll("/+$", "") + "/tts/websocket?cartesia_version=" + API_VERSION);
        String language = options.language() == null || options.language().isBlank() ? "en"
                : options.language().split("[-_]")[0].toLowerCase(Locale.ROOT);
        CartesiaSession.Voice voice = new CartesiaSession.Voice(options.model().orElse(DEFAULT_MODEL), options.voice().orElse(DEFAULT_VOICE),
                language, rate);
        return new CartesiaSession(client, uri, Map.of("X-API-Key", apiKey, "Cartesia-Version", API_VERSION), connectTimeout, voice,
                listener, options.sampleRate());
    }

    static int providerRate(int sessionRate) {
        return RATES.contains(sessionRate) ? sessionRate : 24_000;
    }
}
