package io.vaani.agent.provider.tts.elevenlabs;

import io.vaani.agent.provider.tts.TextToSpeech;
import io.vaani.agent.provider.tts.TtsListener;
import io.vaani.agent.provider.tts.TtsOptions;
import io.vaani.agent.provider.tts.TtsSession;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * ElevenLabs over its multi-context websocket ({@code /v1/text-to-speech/{voice}/multi-stream-input}):
 * one connection per call and one context per answer, so barge-in closes the answer's context and
 * the next answer starts in a fresh one without reconnecting. PCM is asked for at the session's
 * rate when ElevenLabs offers it ({@code output_format=pcm_16000}, ...).
 */
public final class ElevenLabsTextToSpeech implements TextToSpeech {
    static final String PROVIDER = "elevenlabs";
    static final String DEFAULT_MODEL = "eleven_flash_v2_5";
    /** A premade voice every account has. */
    static final String DEFAULT_VOICE = "21m00Tcm4TlvDq8ikWAM";
    static final Set<Integer> RATES = Set.of(8_000, 16_000, 22_050, 24_000, 44_100);
    /** The longest ElevenLabs keeps an idle context (seconds): a caller may think for a while between answers. */
    static final int INACTIVITY_TIMEOUT = 180;

    private final HttpClient client;
    private final URI websocketUrl;
    private final String apiKey;
    private final Duration connectTimeout;

    /** {@code websocketUrl}: {@code wss://api.elevenlabs.io} or a regional or proxy endpoint. */
    public ElevenLabsTextToSpeech(HttpClient client, URI websocketUrl, String apiKey, Duration connectTimeout) {
        this.client = client;
        this.websocketUrl = websocketUrl;
        this.apiKey = apiKey;
        this.connectTimeout = connectTimeout;
    }

    @Override
    public TtsSession open(TtsOptions options, TtsListener listener) {
        int rate = providerRate(options.sampleRate());
        return new ElevenLabsSession(client, uri(options, rate), Map.of("xi-api-key", apiKey), connectTimeout, rate, listener,
                options.sampleRate());
    }

    static int providerRate(int sessionRate) {
        return RATES.contains(sessionRate) ? sessionRate : 24_000;
    }

    URI uri(TtsOptions options, int rate) {
        String model = options.model().orElse(DEFAULT_MODEL);
        String voice = options.voice().orElse(DEFAULT_VOICE);
        StringBuilder uri = new StringBuilder(websocketUrl.toString().replaceAll("/+$", ""))
                .append("/v1/text-to-speech/").append(URLEncoder.encode(voice, StandardCharsets.UTF_8).replace("+", "%20"))
                .append("/multi-stream-input?model_id=").append(URLEncoder.encode(model, StandardCharsets.UTF_8))
                .append("&output_format=pcm_").append(rate)
                .append("&inactivity_timeout=").append(INACTIVITY_TIMEOUT);
        // Only the v2.5 models take a language to enforce; the others infer it from the text.
        if (model.endsWith("_v2_5") && options.language() != null && !options.language().isBlank()) {
            uri.append("&language_code=").append(options.language().split("[-_]")[0].toLowerCase(Locale.ROOT));
        }
        return URI.create(uri.toString());
    }
}
