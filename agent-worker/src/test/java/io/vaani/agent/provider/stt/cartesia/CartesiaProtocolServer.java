package io.vaani.agent.provider.stt.cartesia;

import io.vaani.agent.provider.stt.HeardSpeech;
import io.vaani.agent.provider.stt.HeardSpeech.Cause;
import io.vaani.agent.provider.stt.ProtocolServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Cartesia's streaming STT, {@code /stt/websocket}, as documented, for tests. Handshake:
 * {@code X-API-Key} or 401; a {@code Cartesia-Version} header (or cartesia_version query) or 400;
 * a known model, a pcm encoding, a numeric sample_rate and an ISO-639-1 language, or 400. A
 * stream takes binary audio and the text commands {@code finalize} (final transcript of the
 * utterance under way, if any, then flush_done) and {@code close} ({@code done} in older docs:
 * final transcript, done, close 1000). Transcripts are deltas since the last final: an interim
 * one holds the current utterance's words so far, a final one all of them, and {@code duration}
 * spans the audio since the previous final (so consecutive durations add up to the stream's
 * time). {@link #errorAfterAudio} sends an error event and closes, as Cartesia does on failures.
 */
public final class CartesiaProtocolServer extends ProtocolServer {
    public static final String API_KEY = "sk_car_test_0123456789";
    private static final Set<String> MODELS = Set.of("ink-whisper", "ink-2");
    private static final Set<String> ENCODINGS = Set.of("pcm_s16le", "pcm_s32le", "pcm_f16le", "pcm_f32le", "pcm_mulaw", "pcm_alaw");

    private volatile JsonObject errorEvent;
    private volatile double errorAfter;

    public static CartesiaProtocolServer start() throws Exception {
        CartesiaProtocolServer server = new CartesiaProtocolServer();
        server.listen();
        return server;
    }

    public void errorAfterAudio(double seconds, int status, String message) {
        errorAfter = seconds;
        errorEvent = new JsonObject().put("type", "error").put("title", "Error").put("message", message)
                .put("error_code", status >= 500 ? "internal_error" : "bad_request").put("status_code", status)
                .put("request_id", UUID.randomUUID().toString());
    }

    @Override
    protected Refusal check(HttpServerRequest request) {
        if (!request.path().equals("/stt/websocket")) {
            return error(404, "Not found");
        }
        if (!API_KEY.equals(request.getHeader("X-API-Key"))) {
            return error(401, "Invalid API key");
        }
        if (request.getHeader("Cartesia-Version") == null && request.getParam("cartesia_version") == null) {
            return error(400, "Cartesia-Version header is required");
        }
        var params = request.params();
        if (!MODELS.contains(params.get("model"))) {
            return error(400, "The model is not valid, make sure it is a valid model ID.");
        }
        if (!ENCODINGS.contains(params.get("encoding"))) {
            return error(400, "Invalid encoding");
        }
        if (params.get("sample_rate") == null || !params.get("sample_rate").matches("\\d+")) {
            return error(400, "Invalid sample_rate");
        }
        String language = params.get("language");
        if (language != null && !language.matches("[a-z]{2,3}")) {
            return error(400, "Invalid language: use an ISO-639-1 code");
        }
        return null;
    }

    @Override
    protected void accepted(Stream stream) {
        stream.hear(Integer.parseInt(stream.params.get("sample_rate")));
        String requestId = UUID.randomUUID().toString();
        String language = stream.params.getOrDefault("language", "en");
        double[] lastFinalEnd = {0};
        stream.socket.binaryMessageHandler(buffer -> {
            JsonObject error = errorEvent;
            if (error != null && stream.heard().received() >= errorAfter) {
                errorEvent = null;
                stream.send(error);
                stream.close(1011, error.getString("message"));
                return;
            }
            for (HeardSpeech.Heard heard : stream.audio(buffer.getBytes())) {
                answer(stream, requestId, language, heard, lastFinalEnd);
            }
        });
        stream.socket.textMessageHandler(text -> {
            stream.text(text);
            switch (text) {
                case "finalize" -> {
                    stream.heard().finalizeNow(Cause.FINALIZE).forEach(heard -> answer(stream, requestId, language, heard, lastFinalEnd));
                    stream.send(new JsonObject().put("type", "flush_done").put("request_id", requestId));
                }
                case "close", "done" -> {
                    stream.heard().finalizeNow(Cause.CLOSE).forEach(heard -> answer(stream, requestId, language, heard, lastFinalEnd));
                    stream.send(new JsonObject().put("type", "done").put("request_id", requestId));
                    stream.close(1000, "");
                }
                default -> stream.send(new JsonObject().put("type", "error").put("status_code", 400)
                        .put("message", "Unknown command: " + text).put("request_id", requestId));
            }
        });
    }

    private static void answer(Stream stream, String requestId, String language, HeardSpeech.Heard heard, double[] lastFinalEnd) {
        switch (heard) {
            case HeardSpeech.Started started -> {
            }
            case HeardSpeech.Partial partial -> stream.send(transcript(requestId, language, partial.text(), false,
                    partial.end() - lastFinalEnd[0], partial.start(), partial.end()));
            case HeardSpeech.Ended ended -> {
                if (!ended.text().isEmpty()) {
                    stream.send(transcript(requestId, language, ended.text(), true, ended.end() - lastFinalEnd[0],
                            ended.start(), ended.end()));
                    lastFinalEnd[0] = ended.end();
                }
            }
        }
    }

    private static JsonObject transcript(String requestId, String language, String text, boolean isFinal, double duration,
            double start, double end) {
        JsonObject event = new JsonObject().put("type", "transcript").put("is_final", isFinal).put("request_id", requestId)
                .put("text", text).put("duration", duration).put("language", language);
        if (isFinal) {
            JsonArray words = new JsonArray();
            String[] split = text.split("\\s+");
            for (int i = 0; i < split.length; i++) {
                words.add(new JsonObject().put("word", split[i]).put("start", start + (end - start) * i / split.length)
                        .put("end", start + (end - start) * (i + 1) / split.length));
            }
            event.put("words", words);
        }
        return event;
    }

    private static Refusal error(int status, String message) {
        return new Refusal(status, Map.of(), new JsonObject().put("error", message).encode());
    }
}
