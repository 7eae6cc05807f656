package io.vaani.agent.provider.stt.openai;

import io.vaani.agent.provider.stt.ProtocolServer;
import io.vaani.agent.provider.stt.WavFiles;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * OpenAI's transcription endpoint, {@code POST /v1/audio/transcriptions}, as documented, for
 * tests. A Bearer key or 401 (invalid_api_key); a multipart {@code file} (read as WAV), a known
 * {@code model}, an ISO-639-1 {@code language}, {@code response_format} json (the one this server
 * speaks) and {@code include[]=logprobs} only for the gpt-4o models, else 400
 * (invalid_request_error). The answer is {@code {"text", "usage"}} plus {@code logprobs} when asked,
 * the text being the script's utterances heard in the file. Refusals queued with
 * {@link #refuseNextHandshake} answer the next request (429 rate_limit_exceeded or
 * insufficient_quota, 5xx, ...).
 */
public final class OpenAiTranscriptionServer extends ProtocolServer {
    public static final String API_KEY = "sk-test-0123456789";
    private static final Set<String> MODELS = Set.of("whisper-1", "gpt-4o-transcribe", "gpt-4o-mini-transcribe");

    private final List<JsonObject> forms = new CopyOnWriteArrayList<>();

    public static OpenAiTranscriptionServer start() throws Exception {
        OpenAiTranscriptionServer server = new OpenAiTranscriptionServer();
        server.listen();
        return server;
    }

    public String baseUrl() {
        return httpUrl() + "/v1";
    }

    /** The text fields of each accepted request, with the uploaded file's seconds as {@code file_seconds}. */
    public List<JsonObject> forms() {
        return forms;
    }

    public static String errorBody(String type, String code, String message) {
        return new JsonObject().put("error", new JsonObject().put("message", message).put("type", type).putNull("param")
                .put("code", code)).encode();
    }

    @Override
    protected Refusal check(HttpServerRequest request) {
        if (!request.path().equals("/v1/audio/transcriptions")) {
            return new Refusal(404, Map.of(), errorBody("invalid_request_error", "unknown_url", "Invalid URL"));
        }
        if (!("Bearer " + API_KEY).equals(request.getHeader("Authorization"))) {
            return new Refusal(401, Map.of(), errorBody("invalid_request_error", "invalid_api_key", "Incorrect API key provided."));
        }
        return null;
    }

    @Override
    protected void http(HttpServerRequest request) {
        readForm(request, (fields, files) -> {
            String model = fields.get("model");
            String language = fields.get("language");
            String format = fields.get("response_format");
            List<String> include = fields.getAll("include[]");
            String problem = files.get("file") == null ? "file is required"
                    : !MODELS.contains(model) ? "Invalid model: " + model
                    : language != null && !language.matches("[a-z]{2}") ? "Invalid language: use ISO-639-1"
                    : format != null && !format.equals("json") ? "This server speaks response_format json only"
                    : !include.isEmpty() && (!include.equals(List.of("logprobs")) || !model.startsWith("gpt-4o"))
                            ? "logprobs are only available for gpt-4o transcription models" : null;
            WavFiles wav = null;
            if (problem == null) {
                try {
                    wav = WavFiles.read(files.get("file").content());
                } catch (IllegalArgumentException e) {
                    problem = "Invalid file format: " + e.getMessage();
                }
            }
            if (problem != null) {
                request.response().setStatusCode(400).putHeader("Content-Type", "application/json")
                        .end(errorBody("invalid_request_error", null, problem));
                return;
            }
            JsonObject form = new JsonObject();
            fields.forEach(form::put);
            forms.add(form.put("file_seconds", wav.seconds()));
            String text = wav.heard(script(), silenceSeconds);
            JsonObject body = new JsonObject().put("text", text).put("usage", new JsonObject().put("type", "tokens")
                    .put("input_tokens", (int) (wav.seconds() * 10)).put("output_tokens", text.split("\\s+").length));
            if (!include.isEmpty()) {
                JsonArray logprobs = new JsonArray();
                for (String word : text.split("\\s+")) {
                    logprobs.add(new JsonObject().put("token", word).put("logprob", -0.1).put("bytes", new JsonArray()));
                }
                body.put("logprobs", logprobs);
            }
            request.response().putHeader("Content-Type", "application/json").end(body.encode());
        });
    }

    @Override
    protected void accepted(Stream stream) {
        stream.close(1008, "no websocket here");
    }
}
