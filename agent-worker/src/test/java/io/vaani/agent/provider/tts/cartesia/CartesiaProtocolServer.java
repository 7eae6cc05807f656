package io.vaani.agent.provider.tts.cartesia;

import io.vaani.agent.provider.tts.EspeakAudio;
import io.vaani.agent.provider.tts.ProtocolServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Cartesia's {@code /tts/websocket}: the handshake wants an API version ({@code cartesia_version} or
 * {@code Cartesia-Version}; 400 otherwise) and the key ({@code X-API-Key} or {@code api_key}; 401
 * otherwise). Generation requests are checked (model, voice by id, raw pcm_s16le at a Cartesia
 * rate, the same settings throughout a context) and answered with a {@code type: error} message
 * when wrong. Each transcript is spoken by espeak-ng and streamed as {@code chunk} messages of
 * 100 ms; {@code continue: false} ends the context with {@code done}; {@code cancel} stops it.
 */
public final class CartesiaProtocolServer extends ProtocolServer {
    private static final Set<String> MODELS = Set.of("sonic", "sonic-2", "sonic-turbo", "sonic-3");
    private static final Set<Integer> RATES = Set.of(8_000, 16_000, 22_050, 24_000, 44_100, 48_000);

    private final List<JsonObject> received = new CopyOnWriteArrayList<>();
    private final List<String> cancelledContexts = new CopyOnWriteArrayList<>();
    private final List<String> handshakes = new CopyOnWriteArrayList<>();

    public static CartesiaProtocolServer start() {
        CartesiaProtocolServer server = new CartesiaProtocolServer();
        server.listen(server.vertx.createHttpServer(server.options()).requestHandler(server::handshake));
        return server;
    }

    private CartesiaProtocolServer() {
        super("sk_car_test_key");
    }

    public List<JsonObject> received() {
        return List.copyOf(received);
    }

    public List<String> cancelledContexts() {
        return List.copyOf(cancelledContexts);
    }

    public List<String> handshakes() {
        return List.copyOf(handshakes);
    }

    private void handshake(HttpServerRequest request) {
        if (!request.path().equals("/tts/websocket")) {
            request.response().setStatusCode(404).end();
            return;
        }
        String version = request.getParam("cartesia_version", request.getHeader("Cartesia-Version"));
        if (version == null || !version.matches("\\d{4}-\\d{2}-\\d{2}")) {
            refuse(request, 400, "Missing or invalid Cartesia-Version", null);
            return;
        }
        if (!apiKey.equals(request.getHeader("X-API-Key")) && !apiKey.equals(request.getParam("api_key"))) {
            refuse(request, 401, "Invalid API key", null);
            return;
        }
        Fault fault = nextFault();
        if (fault instanceof Refusal refusal) {
            refuse(request, refusal.status(), refusal.body(), refusal.retryAfter());
            return;
        }
        request.toWebSocket().onSuccess(ws -> {
            handshakes.add(request.uri());
            new Connection(request, ws, fault);
        });
    }

    private static void refuse(HttpServerRequest request, int status, String message, String retryAfter) {
        var response = request.response().setStatusCode(status).putHeader("Content-Type", "application/json");
        if (retryAfter != null) {
            response.putHeader("Retry-After", retryAfter);
        }
        response.end(new JsonObject().put("error", message).encode());
    }

    private final class Connection {
        private final HttpServerRequest request;
        private final ServerWebSocket ws;
        private Fault fault;
        private final ExecutorService speaker = Executors.newSingleThreadExecutor(Thread.ofVirtual().factory());
        private final Map<String, JsonObject> settings = new ConcurrentHashMap<>();
        private final Set<String> cancelled = ConcurrentHashMap.newKeySet();

        Connection(HttpServerRequest request, ServerWebSocket ws, Fault fault) {
            this.request = request;
            this.ws = ws;
            this.fault = fault;
            ws.textMessageHandler(this::onMessage);
            ws.closeHandler(closed -> speaker.shutdownNow());
        }

        private void onMessage(String text) {
            JsonObject message = new JsonObject(text);
            received.add(message);
            String context = message.getString("context_id");
            if (message.getBoolean("cancel", false)) {
                cancelled.add(context);
                cancelledContexts.add(context);
                return;
            }
            if (fault instanceof ErrorMessage error) {
                fault = null;
                ws.writeTextMessage(new JsonObject().put("type", "error").put("done", true).put("status_code", 500)
                        .put("title", "Internal error").put("message", "Something went wrong generating speech")
                        .put("error_code", "internal_error").put("context_id", context).encode());
                if (error.closeCode() != 0) {
                    ws.close((short) error.closeCode(), "internal error");
                }
                return;
            }
            String problem = invalid(message);
            if (problem == null && context != null) {
                JsonObject fixed = message.copy();
                fixed.remove("transcript");
                fixed.remove("continue");
                JsonObject earlier = settings.putIfAbsent(context, fixed);
                if (earlier != null && !earlier.equals(fixed)) {
                    problem = "Inputs on the same context must keep all fields except transcript and continue the same";
                }
            }
            if (problem != null) {
                ws.writeTextMessage(new JsonObject().put("type", "error").put("done", true).put("status_code", 400)
                        .put("title", "Invalid request").put("message", problem).put("error_code", "invalid_request")
                        .put("context_id", context).encode());
                return;
            }
            String transcript = message.getString("transcript");
            int rate = message.getJsonObject("output_format").getInteger("sample_rate");
            if (!transcript.isBlank()) {
                speaker.execute(quietly(() -> speak(context, transcript.strip(), rate)));
            }
            if (!message.getBoolean("continue", false)) {
                speaker.execute(() -> {
                    if (!cancelled.contains(context)) {
                        ws.writeTextMessage(new JsonObject().put("type", "done").put("done", true).put("status_code", 206)
                                .put("context_id", context).encode());
                    }
                });
            }
        }

        private static String invalid(JsonObject message) {
            JsonObject voice = message.getJsonObject("voice");
            JsonObject format = message.getJsonObject("output_format");
            if (!MODELS.contains(message.getString("model_id"))) {
                return "The model is not valid, make sure it is a valid model ID.";
            }
            if (voice == null || !"id".equals(voice.getString("mode")) || voice.getString("id", "").isBlank()) {
                return "voice must be {\"mode\": \"id\", \"id\": ...}";
            }
            if (format == null || !"raw".equals(format.getString("container")) || !"pcm_s16le".equals(format.getString("encoding"))
                    || !RATES.contains(format.getInteger("sample_rate"))) {
                return "output_format must be raw pcm_s16le at a supported sample_rate";
            }
            if (message.getString("transcript") == null || message.getString("context_id") == null) {
                return "transcript and context_id are required";
            }
            return null;
        }

        private void speak(String context, String transcript, int rate) {
            if (cancelled.contains(context)) {
                return;
            }
            recordText(transcript);
            short[] speech = EspeakAudio.speak(transcript, rate);
            recordSent(transcript, speech.length);
            List<short[]> chunks = chunks(speech, rate / 10);
            for (int i = 0; i < chunks.size(); i++) {
                if (cancelled.contains(context) || ws.isClosed()) {
                    return;
                }
                if (fault instanceof Drop && i == chunks.size() / 2) {
                    dropConnection(request);
                    return;
                }
                ws.writeTextMessage(new JsonObject().put("type", "chunk")
                        .put("data", Base64.getEncoder().encodeToString(EspeakAudio.littleEndian(chunks.get(i))))
                        .put("done", false).put("status_code", 206).put("step_time", 12.5).put("context_id", context).encode());
                pause();
            }
        }
    }
}
