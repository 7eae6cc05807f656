package io.vaani.agent.provider.stt.deepgram;

import io.vaani.agent.provider.stt.HeardSpeech;
import io.vaani.agent.provider.stt.HeardSpeech.Cause;
import io.vaani.agent.provider.stt.ProtocolServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Deepgram's live endpoint, {@code /v1/listen}, as its documentation describes it, for tests.
 *
 * <p>Handshake: {@code Authorization: Token <key>} or 401 (INVALID_AUTH); the query is checked as
 * Deepgram does (known model, encoding, numeric sample_rate with an encoding, channels, boolean
 * flags, endpointing in ms or false, utterance_end_ms of at least 1000 and only with
 * interim_results) or 400. A stream then takes binary audio and these text messages: KeepAlive
 * (recorded, keeps the stream alive), Finalize (ends the utterance under way: a final Results with
 * from_finalize, empty if nothing was being heard), CloseStream (finalizes, sends Metadata, closes
 * 1000). What it hears follows {@link HeardSpeech}: SpeechStarted (with vad_events) at the first
 * loud window, interim Results while the utterance goes on, a final Results with speech_final
 * after the configured silence, followed by UtteranceEnd (with utterance_end_ms). Without audio or
 * a message for {@link #idleTimeout} it closes 1011 with NET-0001, as Deepgram does after 10 s.
 */
public final class DeepgramProtocolServer extends ProtocolServer {
    public static final String API_KEY = "dg-test-key-0123456789";
    private static final Set<String> MODELS = Set.of("nova-3", "nova-2", "nova", "enhanced", "base");
    private static final Set<String> ENCODINGS = Set.of("linear16", "linear32", "flac", "mulaw", "alaw", "opus", "speex", "g729");
    private static final Set<String> FLAGS = Set.of("interim_results", "punctuate", "smart_format", "vad_events");
    private static final String MODEL_UUID = "1dbdfb4d-85b2-4659-9831-16b3c76229aa";

    private volatile long idleTimeoutMillis = 10_000;

    public static DeepgramProtocolServer start() throws Exception {
        DeepgramProtocolServer server = new DeepgramProtocolServer();
        server.listen();
        return server;
    }

    /** The REST base the client is configured with (its websocket base is derived from it). */
    public String baseUrl() {
        return httpUrl() + "/v1";
    }

    public void idleTimeout(long millis) {
        idleTimeoutMillis = millis;
    }

    @Override
    protected Refusal check(HttpServerRequest request) {
        if (!request.path().equals("/v1/listen")) {
            return error(404, "NOT_FOUND", "Not found.");
        }
        if (!("Token " + API_KEY).equals(request.getHeader("Authorization"))) {
            return error(401, "INVALID_AUTH", "Invalid credentials.");
        }
        var params = request.params();
        String model = params.get("model");
        if (model != null && !MODELS.contains(model)) {
            return error(400, "Bad Request", "No such model/language/tier combination found.");
        }
        String encoding = params.get("encoding");
        if (encoding != null && !ENCODINGS.contains(encoding)) {
            return error(400, "Bad Request", "Unsupported encoding: " + encoding);
        }
        if (encoding != null && !isInteger(params.get("sample_rate"))) {
            return error(400, "Bad Request", "sample_rate is required with encoding.");
        }
        if (params.get("channels") != null && !isInteger(params.get("channels"))) {
            return error(400, "Bad Request", "channels must be an integer.");
        }
        for (String flag : FLAGS) {
            String value = params.get(flag);
            if (value != null && !value.equals("true") && !value.equals("false")) {
                return error(400, "Bad Request", flag + " must be true or false.");
            }
        }
        String endpointing = params.get("endpointing");
        if (endpointing != null && !endpointing.equals("false") && !isInteger(endpointing)) {
            return error(400, "Bad Request", "endpointing must be an integer or false.");
        }
        String utteranceEnd = params.get("utterance_end_ms");
        if (utteranceEnd != null && (!isInteger(utteranceEnd) || Integer.parseInt(utteranceEnd) < 1000
                || !"true".equals(params.get("interim_results")))) {
            return error(400, "Bad Request", "utterance_end_ms must be at least 1000 and needs interim_results=true.");
        }
        return null;
    }

    @Override
    protected void accepted(Stream stream) {
        stream.hear(Integer.parseInt(stream.params.getOrDefault("sample_rate", "16000")));
        String requestId = UUID.randomUUID().toString();
        boolean vadEvents = "true".equals(stream.params.get("vad_events"));
        boolean utteranceEnds = stream.params.containsKey("utterance_end_ms");
        long[] lastActivity = {System.nanoTime()};
        long idleCheck = vertx().setPeriodic(100, id -> {
            if (System.nanoTime() - lastActivity[0] > idleTimeoutMillis * 1_000_000) {
                vertx().cancelTimer(id);
                stream.close(1011, "NET-0001: Deepgram did not receive audio data or a text message within the timeout window.");
            }
        });
        stream.socket.binaryMessageHandler(buffer -> {
            lastActivity[0] = System.nanoTime();
            for (HeardSpeech.Heard heard : stream.audio(buffer.getBytes())) {
                answer(stream, requestId, heard, vadEvents, utteranceEnds);
            }
        });
        stream.socket.textMessageHandler(text -> {
            lastActivity[0] = System.nanoTime();
            stream.text(text);
            String type = new JsonObject(text).getString("type", "");
            switch (type) {
                case "Finalize" -> stream.heard().finalizeNow(Cause.FINALIZE)
                        .forEach(heard -> answer(stream, requestId, heard, vadEvents, utteranceEnds));
                case "CloseStream" -> {
                    stream.heard().finalizeNow(Cause.CLOSE).forEach(heard -> answer(stream, requestId, heard, vadEvents, utteranceEnds));
                    stream.send(metadata(requestId, stream.heard().received()));
                    stream.close(1000, "");
                }
                default -> {
                }
            }
        });
        stream.socket.closeHandler(closed -> vertx().cancelTimer(idleCheck));
    }

    private void answer(Stream stream, String requestId, HeardSpeech.Heard heard, boolean vadEvents, boolean utteranceEnds) {
        switch (heard) {
            case HeardSpeech.Started started -> {
                if (vadEvents) {
                    stream.send(new JsonObject().put("type", "SpeechStarted").put("channel", new JsonArray().add(0).add(1))
                            .put("timestamp", started.at()));
                }
            }
            case HeardSpeech.Partial partial -> stream.send(results(requestId, partial.text(), partial.start(), partial.end(), false, false, false));
            case HeardSpeech.Ended ended -> {
                stream.send(results(requestId, ended.text(), ended.start(), ended.end(), true,
                        ended.cause() == Cause.SILENCE, ended.cause() == Cause.FINALIZE));
                if (utteranceEnds && ended.cause() == Cause.SILENCE) {
                    stream.send(new JsonObject().put("type", "UtteranceEnd").put("channel", new JsonArray().add(0).add(1))
                            .put("last_word_end", ended.end()));
                }
            }
        }
    }

    private static JsonObject results(String requestId, String text, double start, double end, boolean isFinal,
            boolean speechFinal, boolean fromFinalize) {
        JsonArray words = new JsonArray();
        String[] split = text.isBlank() ? new String[0] : text.split("\\s+");
        for (int i = 0; i < split.length; i++) {
            double wordStart = start + (end - start) * i / split.length;
            double wordEnd = start + (end - start) * (i + 1) / split.length;
            words.add(new JsonObject().put("word", split[i].toLowerCase().replaceAll("[^\\p{L}\\p{N}']", ""))
                    .put("start", wordStart).put("end", wordEnd).put("confidence", 0.97).put("punctuated_word", split[i]));
        }
        return new JsonObject().put("type", "Results").put("channel_index", new JsonArray().add(0).add(1))
                .put("duration", end - start).put("start", start).put("is_final", isFinal).put("speech_final", speechFinal)
                .put("from_finalize", fromFinalize)
                .put("channel", new JsonObject().put("alternatives", new JsonArray().add(new JsonObject()
                        .put("transcript", text).put("confidence", text.isBlank() ? 0.0 : isFinal ? 0.97 : 0.85).put("words", words))))
                .put("metadata", new JsonObject().put("request_id", requestId).put("model_uuid", MODEL_UUID)
                        .put("model_info", new JsonObject().put("name", "general-nova-3").put("version", "test").put("arch", "nova-3")));
    }

    private static JsonObject metadata(String requestId, double duration) {
        return new JsonObject().put("type", "Metadata").put("transaction_key", "deprecated").put("request_id", requestId)
                .put("sha256", "0".repeat(64)).put("created", Instant.now().toString()).put("duration", duration)
                .put("channels", 1).put("models", new JsonArray().add(MODEL_UUID))
                .put("model_info", new JsonObject().put(MODEL_UUID, new JsonObject().put("name", "general-nova-3")
                        .put("version", "test").put("arch", "nova-3")));
    }

    private static Refusal error(int status, String code, String message) {
        return new Refusal(status, Map.of("dg-error", message), new JsonObject().put("err_code", code).put("err_msg", message)
                .put("request_id", UUID.randomUUID().toString()).encode());
    }

    private static boolean isInteger(String value) {
        return value != null && value.matches("\\d+");
    }
}
