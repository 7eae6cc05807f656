package io.vaani.agent.provider.tts.openai;

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
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;

/**
 * OpenAI's {@code POST {base}/audio/speech} per sentence with {@code response_format: pcm}: raw 16-bit
 * mono PCM at 24 kHz, streamed in the response body, resampled to the session's rate.
 */
public final class OpenAiTextToSpeech implements TextToSpeech {
    static final String PROVIDER = "openai";
    static final String DEFAULT_MODEL = "gpt-4o-mini-tts";
    static final String DEFAULT_VOICE = "alloy";
    /** The only rate OpenAI's pcm format comes at. */
    static final int PCM_RATE = 24_000;

    private final HttpClient client;
    private final URI speechUri;
    private final String apiKey;
    private final Duration timeout;

    /** {@code baseUrl}: {@code https://api.openai.com/v1} or a compatible server's. */
    public OpenAiTextToSpeech(HttpClient client, URI baseUrl, String apiKey, Duration timeout) {
        this.client = client;
        this.speechUri = URI.create(baseUrl.toString().replaceAll("/+$", "") + "/audio/speech");
        this.apiKey = apiKey;
        this.timeout = timeout;
    }

    @Override
    public TtsSession open(TtsOptions options, TtsListener listener) {
        SpeechRequest template = new SpeechRequest(options.model().orElse(DEFAULT_MODEL), options.voice().orElse(DEFAULT_VOICE), "", "pcm");
        return new SentencePipeline(new Speak(template), listener, options.sampleRate());
    }

    record SpeechRequest(String model, String voice, String input, String response_format) {
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
            HttpRequest request = HttpSpeech.jsonPost(speechUri, timeout, "Authorization", "Bearer " + apiKey,
                    new SpeechRequest(template.model(), template.voice(), text, template.response_format()));
            return HttpSpeech.rawPcm(HttpSpeech.send(client, request, PROVIDER, cancellation).body(), PCM_RATE);
        }
    }
}
