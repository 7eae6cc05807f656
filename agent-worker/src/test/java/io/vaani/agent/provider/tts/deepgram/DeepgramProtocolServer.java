package io.vaani.agent.provider.tts.deepgram;

import io.vaani.agent.provider.tts.EspeakAudio;
import io.vaani.agent.provider.tts.HttpAudioReplies;
import io.vaani.agent.provider.tts.ProtocolServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.UUID;

/**
 * Deepgram's {@code POST /v1/speak} as documented: {@code Authorization: Token <key>} (401 otherwise),
 * model, encoding=linear16, sample_rate and container=none checked (400 otherwise), a JSON body with
 * the text; the answer is the text spoken by espeak-ng as raw 16-bit PCM at the asked rate, streamed
 * in 50 ms chunks. Errors look like Deepgram's: {@code {"err_code", "err_msg", "request_id"}}.
 */
public final class DeepgramProtocolServer extends ProtocolServer {
    private static final Set<String> RATES = Set.of("8000", "16000", "24000", "32000", "48000");

    public static DeepgramProtocolServer start() {
        DeepgramProtocolServer server = new DeepgramProtocolServer();
        server.listen(server.vertx.createHttpServer(server.options()).requestHandler(server::handle));
        return server;
    }

    private DeepgramProtocolServer() {
        super("dg-test-key");
    }

    private void handle(HttpServerRequest request) {
        request.body().onSuccess(body -> Thread.ofVirtual().start(quietly(() -> answer(request, body.toString()))));
    }

    private void answer(HttpServerRequest request, String body) {
        if (!request.method().name().equals("POST") || !request.path().equals("/v1/speak")) {
            error(request, 404, "NOT_FOUND", "no such endpoint", null);
            return;
        }
        if (!("Token " + apiKey).equals(request.getHeader("Authorization"))) {
            error(request, 401, "INVALID_AUTH", "Invalid credentials.", null);
            return;
        }
        String model = request.getParam("model");
        String rate = request.getParam("sample_rate");
        if (model == null || !model.startsWith("aura") || !"linear16".equals(request.getParam("encoding"))
                || !"none".equals(request.getParam("container")) || rate == null || !RATES.contains(rate)) {
            error(request, 400, "INVALID_QUERY_PARAMETER", "unsupported model, encoding, sample_rate or container", null);
            return;
        }
        String text;
        try {
            text = new JsonObject(body).getString("text");
        } catch (RuntimeException e) {
            text = null;
        }
        if (text == null || text.isBlank()) {
            error(request, 400, "INVALID_BODY", "text is required", null);
            return;
        }
        Fault fault = nextFault();
        if (fault instanceof Refusal refusal) {
            error(request, refusal.status(), refusal.status() == 429 ? "TOO_MANY_REQUESTS" : "INTERNAL_SERVER_ERROR", refusal.body(), refusal.retryAfter());
            return;
        }
        recordText(text);
        int sampleRate = Integer.parseInt(rate);
        short[] speech = EspeakAudio.speak(text, sampleRate);
        recordSent(text, speech.length);
        request.response().putHeader("dg-model-name", model).putHeader("dg-char-count", String.valueOf(text.length()))
                .putHeader("dg-request-id", UUID.randomUUID().toString());
        streamPcm(request, speech, sampleRate, fault instanceof Drop);
    }

    private void streamPcm(HttpServerRequest request, short[] speech, int sampleRate, boolean drop) {
        var chunks = chunks(speech, sampleRate / 20).stream().map(EspeakAudio::littleEndian).toList();
        HttpAudioReplies.stream(this, request, "audio/l16;rate=" + sampleRate, chunks, drop);
    }

    private static void error(HttpServerRequest request, int status, String code, String message, String retryAfter) {
        JsonObject body = new JsonObject().put("err_code", code).put("err_msg", message).put("request_id", UUID.randomUUID().toString());
        HttpAudioReplies.error(request, status, body, retryAfter);
    }
}
