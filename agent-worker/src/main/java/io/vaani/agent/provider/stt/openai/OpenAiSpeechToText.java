package io.vaani.agent.provider.stt.openai;

import com.fasterxml.jackson.databind.JsonNode;
import io.vaani.agent.provider.ProviderException;
import io.vaani.agent.provider.stt.MultipartForm;
import io.vaani.agent.provider.ProviderFailures;
import io.vaani.agent.provider.stt.SpeechToText;
import io.vaani.agent.provider.stt.SttListener;
import io.vaani.agent.provider.stt.SttOptions;
import io.vaani.agent.provider.stt.SttSession;
import io.vaani.agent.provider.stt.Transcript;
import io.vaani.agent.provider.stt.TranscriptionPost;
import io.vaani.agent.provider.stt.UtteranceSttSession;
import io.vaani.agent.provider.stt.UtteranceSttSession.Utterance;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;

/**
 * OpenAI transcription, an utterance per request: {@code POST {base}/audio/transcriptions} with a
 * Bearer key and a multipart WAV file, model (gpt-4o-mini-transcribe, gpt-4o-transcribe,
 * whisper-1), ISO-639-1 language and {@code response_format=json}. The gpt-4o models are asked for
 * token log-probabilities, whose mean gives the transcript's confidence; whisper-1 has none to give.
 * A 429 for an exhausted quota ({@code insufficient_quota}) is not retryable, unlike a rate limit.
 *
 * @param baseUrl e.g. {@code https://api.openai.com/v1}
 */
public final class OpenAiSpeechToText implements SpeechToText {
    /** OpenAI takes files up to 25 MB: about 13 minutes at 16 kHz, far above any utterance. */
    private static final Duration MAX_UTTERANCE = Duration.ofMinutes(2);
    static final String PROVIDER = "openai";

    private final HttpClient http;
    private final String apiKey;
    private final URI endpoint;

    public OpenAiSpeechToText(HttpClient http, String apiKey, URI baseUrl) {
        this.http = http;
        this.apiKey = apiKey;
        this.endpoint = URI.create(baseUrl.toString().replaceAll("/+$", "") + "/audio/transcriptions");
    }

    @Override
    public SttSession open(SttOptions options, SttListener listener) {
        return new UtteranceSttSession(PROVIDER, options, listener, utterance -> transcribe(options, utterance), MAX_UTTERANCE);
    }

    /** OpenAI takes ISO-639-1 codes: en-US becomes en. */
    static String isoLanguage(String language) {
        int dash = language.indexOf('-');
        return (dash < 0 ? language : language.substring(0, dash)).toLowerCase(Locale.ROOT);
    }

    private Transcript transcribe(SttOptions options, Utterance utterance) {
        boolean logprobs = options.model().startsWith("gpt-4o");
        MultipartForm form = new MultipartForm()
                .file("file", "utterance.wav", "audio/wav", utterance.wav())
                .field("model", options.model())
                .field("language", isoLanguage(options.language()))
                .field("response_format", "json");
        if (logprobs) {
            form.field("include[]", "logprobs");
        }
        JsonNode body = TranscriptionPost.send(http, PROVIDER,
                HttpRequest.newBuilder(endpoint).header("Authorization", "Bearer " + apiKey), form, OpenAiSpeechToText::failure);
        return new Transcript(body.path("text").asText("").strip(), true, confidence(body.path("logprobs")),
                utterance.start(), utterance.end());
    }

    private static ProviderException failure(HttpResponse<String> response) {
        ProviderException mapped = ProviderFailures.http(PROVIDER, response.statusCode(), response.headers(), response.body());
        if (response.statusCode() == 429 && response.body().contains("insufficient_quota")) {
            return new ProviderException(PROVIDER, 429, false, null, "quota exhausted: " + mapped.getMessage(), null);
        }
        return mapped;
    }

    /** The geometric mean of the tokens' probabilities; 1 when the model gave none. */
    static double confidence(JsonNode logprobs) {
        if (!logprobs.isArray() || logprobs.isEmpty()) {
            return 1.0;
        }
        double sum = 0;
        for (JsonNode token : logprobs) {
            sum += token.path("logprob").asDouble(0);
        }
        return Math.exp(sum / logprobs.size());
    }
}
