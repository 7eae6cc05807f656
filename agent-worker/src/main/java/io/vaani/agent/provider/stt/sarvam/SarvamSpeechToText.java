package io.vaani.agent.provider.stt.sarvam;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.time.Duration;

/**
 * Sarvam's REST STT, an utterance per request: {@code POST https://api.sarvam.ai/speech-to-text}
 * with the {@code api-subscription-key} header and a multipart WAV file, model and language_code.
 * Sarvam takes at most 30 s per request, so an utterance keeps its last 30 s.
 *
 * @param baseUrl e.g. {@code https://api.sarvam.ai}; {@code /speech-to-text} is appended
 */
public final class SarvamSpeechToText implements SpeechToText {
    private static final Duration MAX_UTTERANCE = Duration.ofSeconds(30);
    static final String PROVIDER = "sarvam";

    private final HttpClient http;
    private final String apiKey;
    private final URI endpoint;

    public SarvamSpeechToText(HttpClient http, String apiKey, URI baseUrl) {
        this.http = http;
        this.apiKey = apiKey;
        this.endpoint = URI.create(baseUrl.toString().replaceAll("/+$", "") + "/speech-to-text");
    }

    @Override
    public SttSession open(SttOptions options, SttListener listener) {
        return new UtteranceSttSession(PROVIDER, options, listener, utterance -> transcribe(options, utterance), MAX_UTTERANCE);
    }

    private Transcript transcribe(SttOptions options, Utterance utterance) {
        MultipartForm form = new MultipartForm()
                .file("file", "utterance.wav", "audio/wav", utterance.wav())
                .field("model", options.model())
                .field("language_code", SarvamLanguages.code(options.language()));
        JsonNode body = TranscriptionPost.send(http, PROVIDER, HttpRequest.newBuilder(endpoint).header("api-subscription-key", apiKey), form,
                response -> ProviderFailures.http(PROVIDER, response.statusCode(), response.headers(), response.body()));
        // Sarvam reports no confidence for a transcript.
        return new Transcript(body.path("transcript").asText(""), true, 1.0, utterance.start(), utterance.end());
    }
}
