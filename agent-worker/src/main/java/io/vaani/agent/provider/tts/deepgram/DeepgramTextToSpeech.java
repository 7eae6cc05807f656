package io.vaani.agent.provider.tts.deepgram;

import io.vaani.agent.provider.tts.Cancellation;
import io.vaani.agent.provider.tts.HttpSpeech;
import io.vaani.agent.provider.tts.SentencePipeline;
import io.vaani.agent.provider.tts.SentenceSynthesizer;
import io.vaani.agent.provider.tts.SpeechStream;
import io.vaani.agent.provider.tts.TextToSpeech;
import io.vaani.agent.provider.tts.TtsListener;
import io.vaani.agent.provider.tts.TtsOptions;
import io.vaani.agent.provider.tts.TtsSession;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * Deepgram Aura over REST: {@code POST /v1/speak?model=aura-2-...&encoding=linear16&sample_rate=..&container=none}
 * per sentence, {@code Authorization: Token <key>}, raw PCM streamed back in the response body.
 */
public final class DeepgramTextToSpeech implements TextToSpeech {
    static final String PROVIDER = "deepgram";
    static final String DEFAULT_MODEL = "aura-2-thalia-en";
    /** The rates Deepgram produces linear16 at; others are resampled from 24 kHz, Aura's own rate. */
    static final Set<Integer> RATES = Set.of(8_000, 16_000, 24_000, 32_000, 48_000);

    private final HttpClient client;
    private final URI baseUrl;
    private final String apiKey;
    private final Duration timeout;

    /** {@code baseUrl}: {@code https://api.deepgram.com} or a proxy's. */
    public DeepgramTextToSpeech(HttpClient client, URI baseUrl, String apiKey, Duration timeout) {
        this.client = client;
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
        this.timeout = timeout;
    }

    @Override
    public TtsSession open(TtsOptions options, TtsListener listener) {
        int rate = RATES.contains(options.sampleRate()) ? options.sampleRate() : 24_000;
        return new SentencePipeline(new Speak(model(options), rate), listener, options.sampleRate());
    }

    /** Aura names a voice by its model: the voice when it is a full name, else aura-2-{voice}-{language}. */
    static String model(TtsOptions options) {
        if (options.voice().isPresent()) {
            String voice = options.voice().get();
            if (voice.startsWith("aura")) {
                return voice;
            }
            String language = options.language() == null ? "en" : options.language().split("[-_]")[0].toLowerCase(Locale.ROOT);
            return options.model().orElse("aura-2") + "-" + voice + "-" + language;
        }
        return options.model().orElse(DEFAULT_MODEL);
    }

    private final class Speak implements SentenceSynthesizer {
        private final URI uri;
        private final int rate;

        Speak(String model, int rate) {
            this.rate = rate;
            this.uri = baseUrl.resolve("/v1/speak?model=" + URLEncoder.encode(model, StandardCharsets.UTF_8)
                    + "&encoding=linear16&sample_rate=" + rate + "&container=none");
        }

        @Override
        public String provider() {
            return PROVIDER;
        }

        @Override
        public SpeechStream synthesize(String text, Cancellation cancellation) throws InterruptedException {
            HttpRequest request = HttpSpeech.jsonPost(uri, timeout, "Authorization", "Token " + apiKey, new SpeakRequest(text));
            return HttpSpeech.rawPcm(HttpSpeech.send(client, request, PROVIDER, cancellation).body(), rate);
        }
    }

    record SpeakRequest(String text) {
    }
}
