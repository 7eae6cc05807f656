package io.vaani.agent.provider.stt.sarvam;

import io.vaani.agent.provider.stt.HeardSpeech;
import io.vaani.agent.provider.stt.HeardSpeech.Cause;
import io.vaani.agent.provider.stt.ProtocolServer;
import io.vaani.agent.provider.stt.WavFiles;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Sarvam's speech-to-text, REST and streaming, as documented, for tests. Both take the
 * {@code api-subscription-key} header or answer 403 (invalid_api_key_error).
 *
 * <p>REST, {@code POST /speech-to-text}: a multipart {@code file} (WAV, at most 30 s), a known
 * {@code model} and {@code language_code}, else 400; the answer's transcript is the script's
 * utterances heard in the file.
 *
 * <p>Streaming, {@code /speech-to-text/ws}: the query's language-code, model, sample_rate (8000
 * or 16000), input_audio_codec and boolean flags are checked (400). Text messages carry base64
 * audio as {@code {"audio":{"data","encoding":"audio/wav","sample_rate"}}} (the sample rate must
 * match), {@code {"type":"flush"}} (needs flush_signal=true) finishes the utterance under way,
 * {@code {"type":"config"}} is accepted; anything else gets an error message. With vad_signals it
 * sends START_SPEECH and END_SPEECH events; each utterance's transcript comes as one
 * {@code {"type":"data"}} message (no interim results on this endpoint).
 */
public final class SarvamProtocolServer extends ProtocolServer {
    public static final String API_KEY = "sarvam-test-key-0123456789";
    private static final Set<String> MODELS = Set.of("saarika:v2.5", "saarika:v2", "saaras:v3");
    private static final Set<String> LANGUAGES = Set.of("unknown", "hi-IN", "bn-IN", "kn-IN", "ml-IN", "mr-IN", "od-IN",
            "pa-IN", "ta-IN", "te-IN", "en-IN", "gu-IN");
    private static final Set<String> CODECS = Set.of("wav", "pcm_s16le", "pcm_l16", "pcm_raw");
    private static final Set<String> FLAGS = Set.of("high_vad_sensitivity", "vad_signals", "flush_signal");

    private final List<Double> uploads = new CopyOnWriteArrayList<>();

    public static SarvamProtocolServer start() throws Exception {
        SarvamProtocolServer server = new SarvamProtocolServer();
        server.listen();
        return server;
    }

    /** Seconds of audio in each file posted to the REST endpoint. */
    public List<Double> uploads() {
        return uploads;
    }

    @Override
    protected Refusal check(HttpServerRequest request) {
        if (!request.path().equals("/speech-to-text") && !request.path().equals("/speech-to-text/ws")) {
            return error(404, "not_found", "Not found");
        }
        if (!API_KEY.equals(request.getHeader("api-subscription-key"))) {
            return error(403, "invalid_api_key_error", "Invalid API key");
        }
        if (request.path().equals("/speech-to-text")) {
            return null;
        }
        var params = request.params();
        if (!LANGUAGES.contains(params.get("language-code"))) {
            return error(400, "invalid_request_error", "language-code is required and must be a supported language");
        }
        if (params.get("model") != null && !MODELS.contains(params.get("model"))) {
            return error(400, "invalid_request_error", "Invalid model");
        }
        if (params.get("sample_rate") != null && !Set.of("8000", "16000").contains(params.get("sample_rate"))) {
            return error(400, "invalid_request_error", "sample_rate must be 8000 or 16000");
        }
        if (params.get("input_audio_codec") != null && !CODECS.contains(params.get("input_audio_codec"))) {
            return error(400, "invalid_request_error", "Invalid input_audio_codec");
        }
        for (String flag : FLAGS) {
            if (params.get(flag) != null && !Set.of("true", "false").contains(params.get(flag))) {
                return error(400, "invalid_request_error", flag + " must be true or false");
            }
        }
        return null;
    }

    @Override
    protected void http(HttpServerRequest request) {
        if (!request.method().name().equals("POST")) {
            request.response().setStatusCode(405).end();
            return;
        }
        readForm(request, (fields, files) -> {
            Upload file = files.get("file");
            String model = fields.get("model");
            if (file == null) {
                reply(request, error(400, "invalid_request_error", "file is required"));
                return;
            }
            if (model != null && !MODELS.contains(model) || fields.get("language_code") != null && !LANGUAGES.contains(fields.get("language_code"))) {
                reply(request, error(400, "invalid_request_error", "Invalid model or language_code"));
                return;
            }
            WavFiles wav;
            try {
                wav = WavFiles.read(file.content());
            } catch (IllegalArgumentException e) {
                reply(request, error(400, "invalid_request_error", "Unsupported audio: " + e.getMessage()));
                return;
            }
            uploads.add(wav.seconds());
            if (wav.seconds() > 30) {
                reply(request, error(400, "invalid_request_error", "Audio longer than 30 seconds"));
                return;
            }
            request.response().putHeader("Content-Type", "application/json").end(new JsonObject()
                    .put("request_id", UUID.randomUUID().toString()).put("transcript", wav.heard(script(), silenceSeconds))
                    .putNull("timestamps").putNull("diarized_transcript")
                    .put("language_code", fields.get("language_code")).encode());
        });
    }

    @Override
    protected void accepted(Stream stream) {
        int rate = Integer.parseInt(stream.params.getOrDefault("sample_rate", "16000"));
        stream.hear(rate);
        String requestId = UUID.randomUUID().toString();
        boolean vadSignals = "true".equals(stream.params.get("vad_signals"));
        boolean flushSignal = "true".equals(stream.params.get("flush_signal"));
        String language = stream.params.get("language-code");
        stream.socket.textMessageHandler(text -> {
            JsonObject message = new JsonObject(text);
            JsonObject audio = message.getJsonObject("audio");
            if (audio != null) {
                if (!"audio/wav".equals(audio.getString("encoding")) || audio.getInteger("sample_rate", rate) != rate) {
                    stream.send(errorMessage("invalid_audio", "encoding must be audio/wav at the connection's sample rate"));
                    return;
                }
                byte[] pcm = Base64.getDecoder().decode(audio.getString("data", ""));
                for (HeardSpeech.Heard heard : stream.audio(pcm)) {
                    answer(stream, requestId, language, heard, vadSignals);
                }
                return;
            }
            stream.text(text);
            switch (message.getString("type", "")) {
                case "flush" -> {
                    if (flushSignal) {
                        stream.heard().finalizeNow(Cause.FINALIZE).forEach(heard -> answer(stream, requestId, language, heard, vadSignals));
                    } else {
                        stream.send(errorMessage("invalid_message", "flush needs flush_signal=true"));
                    }
                }
                case "config" -> {
                }
                default -> stream.send(errorMessage("invalid_message", "Unknown message"));
            }
        });
    }

    private static void answer(Stream stream, String requestId, String language, HeardSpeech.Heard heard, boolean vadSignals) {
        switch (heard) {
            case HeardSpeech.Started started -> {
                if (vadSignals) {
                    stream.send(event("START_SPEECH"));
                }
            }
            case HeardSpeech.Partial partial -> {
            }
            case HeardSpeech.Ended ended -> {
                if (vadSignals && ended.cause() == Cause.SILENCE) {
                    stream.send(event("END_SPEECH"));
                }
                if (!ended.text().isEmpty()) {
                    stream.send(new JsonObject().put("type", "data").put("data", new JsonObject().put("request_id", requestId)
                            .put("transcript", ended.text()).putNull("timestamps").putNull("diarized_transcript")
                            .put("language_code", language).put("metrics", new JsonObject()
                                    .put("audio_duration", ended.end() - ended.start()).put("processing_latency", 0.05))));
                }
            }
        }
    }

    private static JsonObject event(String signal) {
        return new JsonObject().put("type", "events").put("data", new JsonObject().put("event_type", "vad")
                .put("signal_type", signal).put("occured_at", Instant.now().toEpochMilli() / 1000.0));
    }

    private static JsonObject errorMessage(String code, String message) {
        return new JsonObject().put("type", "error").put("data", new JsonObject().put("error", message).put("code", code));
    }

    private static void reply(HttpServerRequest request, Refusal refusal) {
        request.response().setStatusCode(refusal.status()).putHeader("Content-Type", "application/json").end(refusal.body());
    }

    private static Refusal error(int status, String code, String message) {
        return new Refusal(status, Map.of(), new JsonObject().put("error", new JsonObject().put("message", message)
                .put("code", code).put("request_id", UUID.randomUUID().toString())).encode());
    }
}
