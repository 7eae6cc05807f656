package io.vaani.agent.provider.tts.elevenlabs;

import io.vaani.agent.provider.tts.EspeakAudio;
import io.vaani.agent.provider.tts.ProtocolServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ElevenLabs' multi-context websocket, {@code /v1/text-to-speech/{voice_id}/multi-stream-input}:
 * the handshake wants {@code xi-api-key} (401 otherwise), a known {@code model_id} and a pcm
 * {@code output_format} (400 otherwise). Per context it buffers text; on {@code flush} it speaks
 * the buffer with espeak-ng and streams {@code {"audio", "isFinal": null, "normalizedAlignment",
 * "contextId"}} messages of 100 ms, in order; {@code close_context} finishes what was flushed and
 * sends {@code {"isFinal": true, "contextId"}}, dropping unflushed text; {@code close_socket} does
 * that for every context and closes. More than five open contexts is an error, as at ElevenLabs.
 */
public final class ElevenLabsProtocolServer extends ProtocolServer {
    private static final Pattern PATH = Pattern.compile("/v1/text-to-speech/([^/]+)/multi-stream-input");
    private static final Set<String> MODELS = Set.of("eleven_flash_v2_5", "eleven_turbo_v2_5", "eleven_multilingual_v2", "eleven_flash_v2");
    private static final Set<String> FORMATS = Set.of("pcm_8000", "pcm_16000", "pcm_22050", "pcm_24000", "pcm_44100");
    private static final int MAX_CONTEXTS = 5;

    private final List<JsonObject> received = new CopyOnWriteArrayList<>();
    private final List<String> closedContexts = new CopyOnWriteArrayList<>();
    private final List<String> handshakes = new CopyOnWriteArrayList<>();
    private volatile boolean closeSocketReceived;

    public static ElevenLabsProtocolServer start() {
        ElevenLabsProtocolServer server = new ElevenLabsProtocolServer();
        server.listen(server.vertx.createHttpServer(server.options()).requestHandler(server::handshake));
        return server;
    }

    private ElevenLabsProtocolServer() {
        super("xi-test-key");
    }

    /** Every message clients sent, in order. */
    public List<JsonObject> received() {
        return List.copyOf(received);
    }

    /** Contexts a client closed with {@code close_context}. */
    public List<String> closedContexts() {
        return List.copyOf(closedContexts);
    }

    /** The request URIs of accepted connections. */
    public List<String> handshakes() {
        return List.copyOf(handshakes);
    }

    public boolean closeSocketReceived() {
        return closeSocketReceived;
    }

    private void handshake(HttpServerRequest request) {
        Matcher path = PATH.matcher(request.path());
        if (!path.matches()) {
            request.response().setStatusCode(404).end();
            return;
        }
        if (!apiKey.equals(request.getHeader("xi-api-key"))) {
            refuse(request, 401, "invalid_api_key", "Invalid API key", null);
            return;
        }
        if (!MODELS.contains(request.getParam("model_id")) || !FORMATS.contains(request.getParam("output_format"))) {
            refuse(request, 400, "invalid_request", "Unknown model_id or output_format", null);
            return;
        }
        Fault fault = nextFault();
        if (fault instanceof Refusal refusal) {
            refuse(request, refusal.status(), refusal.status() == 429 ? "too_many_concurrent_requests" : "internal_error",
                    refusal.body(), refusal.retryAfter());
            return;
        }
        int rate = Integer.parseInt(request.getParam("output_format").substring(4));
        request.toWebSocket().onSuccess(ws -> {
            handshakes.add(request.uri());
            new Connection(request, ws, rate, fault);
        });
    }

    private static void refuse(HttpServerRequest request, int status, String error, String message, String retryAfter) {
        var response = request.response().setStatusCode(status).putHeader("Content-Type", "application/json");
        if (retryAfter != null) {
            response.putHeader("Retry-After", retryAfter);
        }
        response.end(new JsonObject().put("detail", new JsonObject().put("status", error).put("message", message)).encode());
    }

    /** One client connection: its contexts, and one thread that speaks in the order messages arrived. */
    private final class Connection {
        private final HttpServerRequest request;
        private final ServerWebSocket ws;
        private final int rate;
        private Fault fault;
        private final ExecutorService speaker = Executors.newSingleThreadExecutor(Thread.ofVirtual().factory());
        private final Map<String, StringBuilder> contexts = new LinkedHashMap<>();

        Connection(HttpServerRequest request, ServerWebSocket ws, int rate, Fault fault) {
            this.request = request;
            this.ws = ws;
            this.rate = rate;
            this.fault = fault;
            ws.textMessageHandler(this::onMessage);
            ws.closeHandler(closed -> speaker.shutdownNow());
        }

        private void onMessage(String text) {
            JsonObject message = new JsonObject(text);
            received.add(message);
            if (fault instanceof ErrorMessage error && message.containsKey("text")) {
                fault = null;
                ws.writeTextMessage(new JsonObject().put("message", "Something went wrong on our side").put("error", "internal_error")
                        .put("code", error.closeCode()).encode());
                if (error.closeCode() != 0) {
                    ws.close((short) error.closeCode(), "internal_error");
                }
                return;
            }
            if (message.getBoolean("close_socket", false)) {
                closeSocketReceived = true;
                List<String> all = List.copyOf(contexts.keySet());
                all.forEach(this::closeContext);
                speaker.execute(() -> ws.close((short) 1000, "close_socket"));
                return;
            }
            String context = message.getString("context_id", "default");
            if (message.getBoolean("close_context", false)) {
                closedContexts.add(context);
                if (contexts.containsKey(context)) {
                    closeContext(context);
                }
                return;
            }
            StringBuilder buffer = contexts.get(context);
            if (buffer == null) {
                if (contexts.size() >= MAX_CONTEXTS) {
                    ws.writeTextMessage(new JsonObject().put("message", "Maximum simultaneous contexts per WebSocket connection exceeded (5)")
                            .put("error", "max_active_conversations").put("code", 1008).encode());
                    ws.close((short) 1008, "max_active_conversations");
                    return;
                }
                buffer = new StringBuilder();
                contexts.put(context, buffer);
            }
            buffer.append(message.getString("text", ""));
            if (message.getBoolean("flush", false)) {
                String flushed = buffer.toString().strip();
                buffer.setLength(0);
                if (!flushed.isEmpty()) {
                    speaker.execute(quietly(() -> speak(context, flushed)));
                }
            }
        }

        /** Finishes what was flushed (unflushed text is dropped), then the final message. */
        private void closeContext(String context) {
            contexts.remove(context);
            speaker.execute(() -> ws.writeTextMessage(new JsonObject().put("isFinal", true).put("contextId", context).encode()));
        }

        private void speak(String context, String text) {
            recordText(text);
            short[] speech = EspeakAudio.speak(text, rate);
            recordSent(text, speech.length);
            List<short[]> chunks = chunks(speech, rate / 10);
            for (int i = 0; i < chunks.size(); i++) {
                if (ws.isClosed()) {
                    return;
                }
                if (fault instanceof Drop && i == chunks.size() / 2) {
                    dropConnection(request);
                    return;
                }
                JsonObject audio = new JsonObject().put("audio", Base64.getEncoder().encodeToString(EspeakAudio.littleEndian(chunks.get(i))))
                        .putNull("isFinal").put("contextId", context);
                if (i == 0) {
                    audio.put("normalizedAlignment", alignment(text, speech.length * 1000 / rate));
                }
                ws.writeTextMessage(audio.encode());
                pause();
            }
        }

        /** Characters spread evenly over the audio: enough shape for a client that reads it. */
        private static JsonObject alignment(String text, int durationMs) {
            JsonArray chars = new JsonArray();
            JsonArray starts = new JsonArray();
            JsonArray durations = new JsonArray();
            int each = Math.max(1, durationMs / Math.max(1, text.length()));
            for (int i = 0; i < text.length(); i++) {
                chars.add(String.valueOf(text.charAt(i)));
                starts.add(i * each);
                durations.add(each);
            }
            return new JsonObject().put("chars", chars).put("charStartTimesMs", starts).put("charDurationsMs", durations);
        }
    }
}
