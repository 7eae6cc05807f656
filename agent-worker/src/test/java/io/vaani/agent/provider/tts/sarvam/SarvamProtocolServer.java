package io.vaani.agent.provider.tts.sarvam;

import io.vaani.agent.provider.tts.EspeakAudio;
import io.vaani.agent.provider.tts.HttpAudioReplies;
import io.vaani.agent.provider.tts.ProtocolServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Sarvam's {@code POST /text-to-speech}: the {@code api-subscription-key} header (403
 * {@code invalid_api_key_error} otherwise, as Sarvam answers auth failures), text (at most 1500
 * characters), target_language_code, speaker, model and speech_sample_rate checked (400
 * {@code invalid_request_error} otherwise). The answer is {@code {"request_id", "audios": [base64 WAV]}}
 * with the text spoken by espeak-ng in the language asked for.
 */
public final class SarvamProtocolServer extends ProtocolServer {
    private static final Map<String, String> ESPEAK_VOICES = Map.ofEntries(Map.entry("en-IN", "en-us"), Map.entry("hi-IN", "hi"),
            Map.entry("bn-IN", "bn"), Map.entry("ta-IN", "ta"), Map.entry("te-IN", "te"), Map.entry("kn-IN", "kn"),
            Map.entry("ml-IN", "ml"), Map.entry("mr-IN", "mr"), Map.entry("gu-IN", "gu"), Map.entry("pa-IN", "pa"), Map.entry("od-IN", "or"));
    private static final Set<String> SPEAKERS = Set.of("anushka", "manisha", "vidya", "arya", "abhilash", "karun", "hitesh");
    private static final Set<String> MODELS = Set.of("bulbul:v2");
    private static final Set<Integer> RATES = Set.of(8_000, 16_000, 22_050, 24_000);

    public static SarvamProtocolServer start() {
        SarvamProtocolServer server = new SarvamProtocolServer();
        server.listen(server.vertx.createHttpServer(server.options()).requestHandler(server::handle));
        return server;
    }

    private SarvamProtocolServer() {
        super("sarvam-test-key");
    }

    private void handle(HttpServerRequest request) {
        request.body().onSuccess(body -> Thread.ofVirtual().start(quietly(() -> answer(request, body.toString()))));
    }

    private void answer(HttpServerRequest request, String body) {
        if (!request.method().name().equals("POST") || !request.path().equals("/text-to-speech")) {
            error(request, 404, "not_found_error", "Not Found", null);
            return;
        }
        if (!apiKey.equals(request.getHeader("api-subscription-key"))) {
            error(request, 403, "invalid_api_key_error", "Invalid API key. Check the api-subscription-key header.", null);
            return;
        }
        JsonObject json;
        try {
            json = new JsonObject(body);
        } catch (RuntimeException e) {
            error(request, 400, "invalid_request_error", "Invalid JSON body", null);
            return;
        }
        String text = json.getString("text");
        String language = json.getString("target_language_code");
        Integer rate = json.getInteger("speech_sample_rate", 22_050);
        if (text == null || text.isBlank() || text.length() > 1500 || !ESPEAK_VOICES.containsKey(language)
                || !SPEAKERS.contains(json.getString("speaker", "anushka")) || !MODELS.contains(json.getString("model", "bulbul:v2"))
                || !RATES.contains(rate)) {
            error(request, 400, "invalid_request_error", "Invalid text, target_language_code, speaker, model or speech_sample_rate", null);
            return;
        }
        Fault fault = nextFault();
        if (fault instanceof Refusal refusal) {
            error(request, refusal.status(), refusal.status() == 429 ? "rate_limit_exceeded_error" : "internal_server_error",
                    refusal.body(), refusal.retryAfter());
            return;
        }
        recordText(text);
        short[] speech = EspeakAudio.speak(text, ESPEAK_VOICES.get(language), rate);
        recordSent(text, speech.length);
        for (int chunk = 0; chunk < speech.length; chunk += rate / 20) {
            pause(); // Bulbul answers once the whole sentence is synthesized: as long as streaming all of it would take
        }
        String answer = new JsonObject().put("request_id", UUID.randomUUID().toString())
                .put("audios", new JsonArray().add(Base64.getEncoder().encodeToString(EspeakAudio.wav(speech, rate)))).encode();
        if (fault instanceof Drop) {
            request.response().setChunked(true).putHeader("Content-Type", "application/json")
                    .write(Buffer.buffer(answer.substring(0, answer.length() / 2)));
            dropConnection(request);
            return;
        }
        request.response().putHeader("Content-Type", "application/json").end(answer);
    }

    private static void error(HttpServerRequest request, int status, String code, String message, String retryAfter) {
        JsonObject error = new JsonObject().put("message", message).put("code", code).put("request_id", UUID.randomUUID().toString());
        HttpAudioReplies.error(request, status, new JsonObject().put("error", error), retryAfter);
    }
}
