package io.vaani.agent.provider.tts.sarvam;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vaani.agent.provider.ProviderException;
import io.vaani.agent.provider.tts.Cancellation;
import io.vaani.agent.provider.tts.HttpSpeech;
import io.vaani.agent.provider.ProviderFailures;
import io.vaani.agent.provider.tts.SentencePipeline;
import io.vaani.agent.provider.tts.SentenceSynthesizer;
import io.vaani.agent.provider.tts.SpeechStream;
import io.vaani.agent.provider.tts.TextToSpeech;
import io.vaani.agent.provider.tts.TtsListener;
import io.vaani.agent.provider.tts.TtsOptions;
import io.vaani.agent.provider.tts.TtsSession;
import io.vaani.agent.provider.tts.WavSpeech;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Sarvam Bulbul over REST: {@code POST /text-to-speech} per sentence with the
 * {@code api-subscription-key} header; the answer is JSON carrying base64 WAV files
 * ({@code audios}), so a sentence's audio arrives whole.
 */
public final class SarvamTextToSpeech implements TextToSpeech {
    static final String PROVIDER = "sarvam";
    static final String DEFAULT_MODEL = "bulbul:v2";
    static final String DEFAULT_SPEAKER = "anushka";
    /** Bulbul's output rates, highest first. */
    static final List<Integer> RATES = List.of(24_000, 22_050, 16_000, 8_000);
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final HttpClient client;
    private final URI speechUri;
    private final String apiKey;
    private final Duration timeout;

    /** {@code baseUrl}: {@code https://api.sarvam.ai} or a proxy's. */
    public SarvamTextToSpeech(HttpClient client, URI baseUrl, String apiKey, Duration timeout) {
        this.client = client;
        this.speechUri = URI.create(baseUrl.toString().replaceAll("/+$", "") + "/text-to-speech");
        this.apiKey = apiKey;
        this.timeout = timeout;
    }

    @Override
    public TtsSession open(TtsOptions options, TtsListener listener) {
        SpeechRequest template = new SpeechRequest("", languageCode(options.language()), options.voice().orElse(DEFAULT_SPEAKER),
                options.model().orElse(DEFAULT_MODEL), rateFor(options.sampleRate()));
        return new SentencePipeline(new Speak(template), listener, options.sampleRate());
    }

    /** The session's rate when Bulbul offers it, else the highest one that divides it (44.1 kHz from 22.05), else 24 kHz. */
    static int rateFor(int sessionRate) {
        if (RATES.contains(sessionRate)) {
            return sessionRate;
        }
        return RATES.stream().filter(rate -> sessionRate % rate == 0).findFirst().orElse(24_000);
    }

    /** Sarvam's codes are the Indian variants: hi becomes hi-IN, en-US becomes en-IN, or (Odia) od-IN. */
    static String languageCode(String language) {
        String primary = language == null || language.isBlank() ? "en" : language.split("[-_]")[0].toLowerCase(Locale.ROOT);
        return (primary.equals("or") ? "od" : primary) + "-IN";
    }

    record SpeechRequest(String text, String target_language_code, String speaker, String model, int speech_sample_rate) {
    }

    record SpeechResponse(String request_id, List<String> audios) {
    }

    private final class Speak implements SentenceSynthesizer {
        private final SpeechRequest template;

        Speak(SpeechRequest template) {
            this.template = template;
        }

        @Override
        public String provider() {
            return PROVIDER;
        }

        @Override
        public SpeechStream synthesize(String text, Cancellation cancellation) throws InterruptedException {
            HttpRequest request = HttpSpeech.jsonPost(speechUri, timeout, "api-subscription-key", apiKey,
                    new SpeechRequest(text, template.target_language_code(), template.speaker(), template.model(), template.speech_sample_rate()));
            try (InputStream answer = HttpSpeech.send(client, request, PROVIDER, cancellation).body()) {
                SpeechResponse response = JSON.readValue(answer, SpeechResponse.class);
                if (response.audios() == null || response.audios().isEmpty()) {
                    throw new ProviderException(PROVIDER, 200, false, null, "answer without audio", null);
                }
                Base64.Decoder base64 = Base64.getDecoder();
                return WavSpeech.whole(response.audios().stream().map(base64::decode).toList());
            } catch (IOException e) {
                throw ProviderFailures.connection(PROVIDER, e);
            }
        }
    }
}
