package io.vaani.agent.provider.tts.openai;

import io.vaani.agent.provider.tts.EspeakAudio;
import io.vaani.agent.provider.tts.HttpAudioReplies;
import io.vaani.agent.provider.tts.ProtocolServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * OpenAI's {@code POST /v1/audio/speech}: {@code Authorization: Bearer <key>} (401 with
 * {@code invalid_api_key} otherwise), model, voice and a non-empty input of at most 4096 characters
 * checked (400 otherwise). Only {@code response_format: pcm} is served here (the client asks for
 * nothing else): the text spoken by espeak-ng, 24 kHz 16-bit mono, streamed in 50 ms chunks.
 */
public final class OpenAiSpeechProtocolServer extends ProtocolServer {
    private static final Set<String> MODELS = Set.of("tts-1", "tts-1-hd", "gpt-4o-mini-tts");
    private static final Set<String> VOICES = Set.of("alloy", "ash", "ballad", "coral", "echo", "fable", "onyx", "nova", "sage",
            "shimmer", "verse", "marin", "cedar");

    public static OpenAiSpeechProtocolServer start() {
        OpenAiSpeechProtocolServer server = new OpenAiSpeechProtocolServer();
        server.listen(server.vertx.createHttpServer(server.options()).requestHandler(server::handle));
        return server;
    }

    private OpenAiSpeechProtocolServer() {
        super("sk-test-key");
    }

    /** The base URL a client is configured with ({@code .../v1}). */
    public String baseUrl() {
        return httpUrl() + "/v1";
    }

    private void handle(HttpServerRequest request) {
        request.body().onSuccess(body -> Thread.ofVirtual().start(quietly(() -> answer(request, body.toString()))));
    }

    private void answer(HttpServerRequest request, String body) {
        if (!request.method().name().equals("POST") || !request.path().equals("/v1/audio/speech")) {
            error(request, 404, "invalid_request_error", null, "Invalid URL (" + request.method() + " " + request.path() + ")", null);
            return;
        }
        if (!("Bearer " + apiKey).equals(request.getHeader("Authorization"))) {
            error(request, 401, "invalid_request_error", "invalid_api_key", "Incorrect API key provided.", null);
            return;
        }
        JsonObject json;
        try {
            json = new JsonObject(body);
        } catch (RuntimeException e) {
            error(request, 400, "invalid_request_error", null, "We could not parse the JSON body of your request.", null);
            return;
        }
        String text = json.getString("input");
        if (!MODELS.contains(json.getString("model")) || !VOICES.contains(json.getString("voice")) || text == null || text.isEmpty()
                || text.length() > 4096 || !"pcm".equals(json.getString("response_format"))) {
            error(request, 400, "invalid_request_error", null, "Invalid model, voice, input or response_format.", null);
            return;
        }
        Fault fault = nextFault();
        if (fault instanceof Refusal refusal) {
            error(request, refusal.status(), refusal.status() == 429 ? "requests" : "server_error",
                    refusal.status() == 429 ? "rate_limit_exceeded" : null, refusal.body(), refusal.retryAfter());
            return;
        }
        recordText(text);
        short[] speech = EspeakAudio.speak(text, 24_000);
        recordSent(text, speech.length);
        var chunks = chunks(speech, 1_200).stream().map(EspeakAudio::littleEndian).toList();
        HttpAudioReplies.stream(this, request, "audio/pcm", chunks, fault instanceof Drop);
    }

    private static void error(HttpServerRequest request, int status, String type, String code, String message, String retryAfter) {
        JsonObject error = new JsonObject().put("message", message).put("type", type).putNull("param").put("code", code);
        HttpAudioReplies.error(request, status, new JsonObject().put("error", error), retryAfter);
    }
}
