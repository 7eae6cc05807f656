package io.vaani.agent.provider.llm.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A local server speaking OpenAI's chat completions API as documented, streamed: {@code POST
 * {basePath}/chat/completions} with {@code Authorization: Bearer <key>}, answered with
 * {@code text/event-stream} {@code chat.completion.chunk}s and {@code data: [DONE]}.
 *
 * <p>It refuses what OpenAI refuses, with OpenAI's error body {@code {"error":{"message","type",
 * "param","code"}}}: a missing or wrong key (401), a malformed body (400: roles, contents, tool
 * definitions, a tool message that answers no preceding tool call, tool calls left unanswered,
 * temperature out of range). Valid requests get the next scripted {@link Reply}: text deltas, tool
 * calls streamed in pieces by index, parallel tool calls, the usage chunk when asked for, errors
 * (401, 429 with Retry-After and rate-limit headers, 5xx), a stream cut mid-way or held open.
 * With nothing scripted it answers with the {@link #fallback fallback}, by default a 500 that says so.
 *
 * <p>Every request is kept ({@link #requests()}), refused ones too, with whether the client has
 * since closed its connection.
 */
public final class OpenAiProtocolServer implements AutoCloseable {
    public static final String DEFAULT_KEY = "sk-test-4f2a9c1e7b3d";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool", "function");
    private static final Pattern FUNCTION_NAME = Pattern.compile("^[a-zA-Z0-9_-]{1,64}$");

    private final Vertx vertx = Vertx.vertx();
    private final String apiKey;
    private final String basePath;
    private final Queue<Reply> script = new ConcurrentLinkedQueue<>();
    private final List<ReceivedRequest> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger completions = new AtomicInteger();
    private volatile Function<ReceivedRequest, Reply> fallback =
            request -> Reply.error(500, "server_error", null, "nothing scripted for request " + requests.size());
    private HttpServer server;

    private OpenAiProtocolServer(String apiKey, String basePath) {
        this.apiKey = apiKey;
        this.basePath = basePath;
    }

    /** OpenAI's paths ({@code /v1}) and {@link #DEFAULT_KEY}. */
    public static OpenAiProtocolServer start() throws Exception {
        return start(DEFAULT_KEY, "/v1");
    }

    /** @param basePath where the API lives: "/v1" as OpenAI, "/openai/v1" as Groq */
    public static OpenAiProtocolServer start(String apiKey, String basePath) throws Exception {
        OpenAiProtocolServer server = new OpenAiProtocolServer(apiKey, basePath);
        server.server = server.vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false))
                .requestHandler(server::handle)
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return server;
    }

    /** The base URL clients are configured with, e.g. {@code http://127.0.0.1:41234/v1}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.actualPort() + basePath);
    }

    public String apiKey() {
        return apiKey;
    }

    /** Queues the answer to the next valid request; answers go out in the order queued. */
    public OpenAiProtocolServer enqueue(Reply reply) {
        script.add(reply);
        return this;
    }

    /** Answers valid requests when the queue is empty, e.g. a dialogue keyed on the last user message. */
    public void fallback(Function<ReceivedRequest, Reply> responder) {
        this.fallback = responder;
    }

    /** Everything received, in arrival order. */
    public List<ReceivedRequest> requests() {
        return List.copyOf(requests);
    }

    public ReceivedRequest lastRequest() {
        return requests.getLast();
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** A request as it arrived: header names in lower case, the body as sent and parsed (null if not JSON). */
    public record ReceivedRequest(String method, String path, Map<String, String> headers, String rawBody, JsonNode body,
            CompletableFuture<Void> connectionClosed) {

        /** The role of each message, in order. */
        public List<String> roles() {
            List<String> roles = new ArrayList<>();
            body.path("messages").forEach(message -> roles.add(message.path("role").asText()));
            return roles;
        }

        /** The text of the last message with this role. */
        public Optional<String> lastContent(String role) {
            String content = null;
            for (JsonNode message : body.path("messages")) {
                if (message.path("role").asText().equals(role)) {
                    content = message.path("content").isTextual() ? message.path("content").asText() : null;
                }
            }
            return Optional.ofNullable(content);
        }

        /** The names of the tools offered. */
        public List<String> toolNames() {
            List<String> names = new ArrayList<>();
            body.path("tools").forEach(tool -> names.add(tool.path("function").path("name").asText()));
            return names;
        }
    }

    /** One scripted answer. */
    public sealed interface Reply {

        /** An HTTP error with OpenAI's error body and the given extra headers. */
        record Error(int status, Map<String, String> headers, String type, String code, String message) implements Reply {
        }

        /** Headers never come: the request hangs until the client gives up. */
        record NoAnswer() implements Reply {
        }

        /** A 200 stream of chunks and how it ends. */
        record Stream(List<Step> steps, String finishReason, Ending ending, int endAfterChunks,
                Optional<Error> errorInStream) implements Reply {
        }

        /** What a streamed chunk carries. */
        sealed interface Step {
            record Text(String delta) implements Step {
            }

            /** The first piece of a tool call: index, id, name, empty arguments. */
            record ToolCallStart(int index, String id, String name) implements Step {
            }

            record ToolCallArguments(int index, String fragment) implements Step {
            }

            /** No chunk: the server waits this long before the next one, as a slow model would. */
            record Pause(Duration duration) implements Step {
            }
        }

        enum Ending {
            /** finish reason, usage when asked for, [DONE]. */
            DONE,
            /** The connection is closed abruptly after {@code endAfterChunks} chunks. */
            CUT,
            /** The body ends cleanly after {@code endAfterChunks} chunks, without finish reason or [DONE]. */
            END_EARLY,
            /** After {@code endAfterChunks} chunks nothing more comes, and the response stays open. */
            STALL
        }

        static StreamBuilder answer() {
            return new StreamBuilder();
        }

        /** Text in these deltas, finish reason stop. */
        static Reply text(String... deltas) {
            StreamBuilder builder = answer();
            for (String delta : deltas) {
                builder.text(delta);
            }
            return builder.build();
        }

        static Error error(int status, String type, String code, String message) {
            return new Error(status, Map.of(), type, code, message);
        }

        /** OpenAI's 429 for a request rate limit, with Retry-After and the reset headers. */
        static Error rateLimited(Duration retryAfter) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("retry-after", Long.toString(retryAfter.toSeconds()));
            headers.put("x-ratelimit-limit-requests", "3");
            headers.put("x-ratelimit-remaining-requests", "0");
            headers.put("x-ratelimit-reset-requests", retryAfter.toSeconds() + "s");
            return new Error(429, headers, "requests", "rate_limit_exceeded",
                    "Rate limit reached for requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in "
                            + retryAfter.toSeconds() + "s.");
        }

        /** A 429 that gives only the reset headers, as Go durations ("6m0s", "12ms"). */
        static Error rateLimitedUntilReset(String resetRequests, String resetTokens) {
            return new Error(429, Map.of("x-ratelimit-reset-requests", resetRequests, "x-ratelimit-reset-tokens", resetTokens),
                    "tokens", "rate_limit_exceeded", "Rate limit reached for tokens per min (TPM).");
        }

        /** The 429 of an account out of credit. */
        static Error quotaExceeded() {
            return new Error(429, Map.of(), "insufficient_quota", "insufficient_quota",
                    "You exceeded your current quota, please check your plan and billing details.");
        }

        static Error serverError() {
            return error(500, "server_error", null, "The server had an error while processing your request. Sorry about that!");
        }

        static NoAnswer noAnswer() {
            return new NoAnswer();
        }
    }

    /** Builds a streamed answer step by step. */
    public static final class StreamBuilder {
        private final List<Reply.Step> steps = new ArrayList<>();
        private int toolCalls;
        private String finishReason;
        private Reply.Ending ending = Reply.Ending.DONE;
        private int endAfterChunks = Integer.MAX_VALUE;
        private Reply.Error errorInStream;

        public StreamBuilder text(String delta) {
            steps.add(new Reply.Step.Text(delta));
            return this;
        }

        /** A tool call streamed as OpenAI does: id and name first, then the arguments in pieces of about eight characters. */
        public StreamBuilder toolCall(String id, String name, String arguments) {
            List<String> pieces = new ArrayList<>();
            for (int i = 0; i < arguments.length(); i += 8) {
                pieces.add(arguments.substring(i, Math.min(arguments.length(), i + 8)));
            }
            return toolCallInPieces(id, name, pieces.toArray(String[]::new));
        }

        public StreamBuilder toolCallInPieces(String id, String name, String... argumentPieces) {
            int index = toolCalls++;
            steps.add(new Reply.Step.ToolCallStart(index, id, name));
            for (String piece : argumentPieces) {
                steps.add(new Reply.Step.ToolCallArguments(index, piece));
            }
            return this;
        }

        /** Waits before the next chunk (a model thinking); counts as no chunk. */
        public StreamBuilder pause(Duration duration) {
            steps.add(new Reply.Step.Pause(duration));
            return this;
        }

        /** A raw step, e.g. arguments for an earlier index after a later call started. */
        public StreamBuilder step(Reply.Step step) {
            steps.add(step);
            return this;
        }

        /** Defaults to tool_calls when the answer calls tools, stop otherwise. */
        public StreamBuilder finish(String reason) {
            this.finishReason = reason;
            return this;
        }

        /** Closes the connection abruptly after this many chunks (the role chunk counts as the first). */
        public StreamBuilder cutAfter(int chunks) {
            return end(Reply.Ending.CUT, chunks);
        }

        /** Ends the body cleanly after this many chunks, without finish reason or [DONE]. */
        public StreamBuilder endEarlyAfter(int chunks) {
            return end(Reply.Ending.END_EARLY, chunks);
        }

        /** Sends this many chunks, then nothing, holding the response open. */
        public StreamBuilder stallAfter(int chunks) {
            return end(Reply.Ending.STALL, chunks);
        }

        /** After the steps, an {@code error} object in the stream instead of the finish reason. */
        public StreamBuilder thenError(String type, String message) {
            this.errorInStream = new Reply.Error(200, Map.of(), type, null, message);
            return this;
        }

        private StreamBuilder end(Reply.Ending ending, int chunks) {
            this.ending = ending;
            this.endAfterChunks = chunks;
            return this;
        }

        public Reply.Stream build() {
            String reason = finishReason != null ? finishReason : toolCalls > 0 ? "tool_calls" : "stop";
            return new Reply.Stream(List.copyOf(steps), reason, ending, endAfterChunks, Optional.ofNullable(errorInStream));
        }
    }

    private void handle(HttpServerRequest request) {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        request.connection().closeHandler(v -> closed.complete(null));
        request.body().onSuccess(buffer -> {
            String raw = buffer.toString();
            JsonNode body;
            try {
                body = raw.isEmpty() ? null : JSON.readTree(raw);
            } catch (Exception e) {
                body = null;
            }
            Map<String, String> headers = new LinkedHashMap<>();
            request.headers().forEach(header -> headers.put(header.getKey().toLowerCase(), header.getValue()));
            ReceivedRequest received = new ReceivedRequest(request.method().name(), request.path(), headers, raw, body, closed);
            requests.add(received);
            answer(request, received);
        });
    }

    private void answer(HttpServerRequest request, ReceivedRequest received) {
        HttpServerResponse response = request.response();
        if (!received.path().equals(basePath + "/chat/completions") || !received.method().equals("POST")) {
            sendError(response, new Reply.Error(404, Map.of(), "invalid_request_error", null,
                    "Invalid URL (" + received.method() + " " + received.path() + ")"), null);
            return;
        }
        String authorization = received.headers().getOrDefault("authorization", "");
        if (!authorization.startsWith("Bearer ")) {
            sendError(response, new Reply.Error(401, Map.of(), "invalid_request_error", null,
                    "You didn't provide an API key. You need to provide your API key in an Authorization header using"
                            + " Bearer auth (i.e. Authorization: Bearer YOUR_KEY)."), null);
            return;
        }
        String key = authorization.substring("Bearer ".length()).trim();
        if (!key.equals(apiKey)) {
            sendError(response, new Reply.Error(401, Map.of(), "invalid_request_error", "invalid_api_key",
                    "Incorrect API key provided: " + redact(key) + "."), null);
            return;
        }
        Optional<Invalid> invalid = validate(received.body());
        if (invalid.isPresent()) {
            sendError(response, new Reply.Error(400, Map.of(), "invalid_request_error", invalid.get().code(),
                    invalid.get().message()), invalid.get().param());
            return;
        }
        Reply reply = script.poll();
        if (reply == null) {
            reply = fallback.apply(received);
        }
        switch (reply) {
            case Reply.Error error -> sendError(response, error, null);
            case Reply.NoAnswer noAnswer -> {
                // Say nothing: the client's timeout or cancel ends it.
            }
            case Reply.Stream stream -> sendStream(request, response, stream, received.body());
        }
    }

    private void sendStream(HttpServerRequest request, HttpServerResponse response, Reply.Stream stream, JsonNode body) {
        String id = "chatcmpl-test" + completions.incrementAndGet();
        String model = body.path("model").asText();
        boolean usage = body.path("stream_options").path("include_usage").asBoolean(false);
        // Chunk texts, and the pauses between them as Durations.
        List<Object> events = new ArrayList<>();
        ChunkWriter chunks = new ChunkWriter(id, model, usage);
        ObjectNode role = JSON.createObjectNode().put("role", "assistant");
        boolean toolFirst = !stream.steps().isEmpty() && !(stream.steps().getFirst() instanceof Reply.Step.Text);
        // OpenAI opens with the role and an empty content, or a null content when tools come first.
        if (toolFirst) {
            role.putNull("content");
        } else {
            role.put("content", "");
        }
        role.putNull("refusal");
        events.add(chunks.choice(role, null));
        for (Reply.Step step : stream.steps()) {
            if (step instanceof Reply.Step.Pause pause) {
                events.add(pause.duration());
                continue;
            }
            ObjectNode delta = JSON.createObjectNode();
            switch (step) {
                case Reply.Step.Text text -> delta.put("content", text.delta());
                case Reply.Step.ToolCallStart start -> {
                    ObjectNode call = delta.putArray("tool_calls").addObject().put("index", start.index())
                            .put("id", start.id()).put("type", "function");
                    call.putObject("function").put("name", start.name()).put("arguments", "");
                }
                case Reply.Step.ToolCallArguments arguments -> delta.putArray("tool_calls").addObject()
                        .put("index", arguments.index()).putObject("function").put("arguments", arguments.fragment());
                case Reply.Step.Pause pause -> throw new AssertionError("handled above");
            }
            events.add(chunks.choice(delta, null));
        }
        if (stream.errorInStream().isPresent()) {
            events.add(errorBody(stream.errorInStream().get(), null).toString());
        } else {
            events.add(chunks.choice(JSON.createObjectNode(), stream.finishReason()));
            if (usage) {
                events.add(chunks.usage(stream.steps().size()));
            }
            events.add("[DONE]");
        }
        response.setChunked(true)
                .putHeader("content-type", "text/event-stream; charset=utf-8")
                .putHeader("cache-control", "no-cache")
                .putHeader("x-request-id", "req_" + id)
                .putHeader("openai-processing-ms", "42")
                .putHeader("x-ratelimit-limit-requests", "10000")
                .putHeader("x-ratelimit-remaining-requests", "9999")
                .putHeader("x-ratelimit-reset-requests", "6ms");
        int chunkLimit = stream.ending() == Reply.Ending.DONE ? Integer.MAX_VALUE : stream.endAfterChunks();
        write(request, response, stream.ending(), events, 0, chunkLimit);
    }

    /** Writes the chunks from {@code next} up to a pause (then resumes after it) or the limit, then ends as scripted. */
    private void write(HttpServerRequest request, HttpServerResponse response, Reply.Ending ending, List<Object> events,
            int next, int chunksLeft) {
        Buffer data = Buffer.buffer();
        int i = next;
        int left = chunksLeft;
        while (i < events.size() && left > 0 && events.get(i) instanceof String chunk) {
            data.appendString("data: " + chunk + "\n\n");
            i++;
            left--;
        }
        int resumeAt = i;
        int stillLeft = left;
        response.write(data).onComplete(written -> {
            if (resumeAt < events.size() && stillLeft > 0 && events.get(resumeAt) instanceof Duration pause) {
                vertx.setTimer(Math.max(1, pause.toMillis()),
                        timer -> write(request, response, ending, events, resumeAt + 1, stillLeft));
                return;
            }
            switch (ending) {
                case DONE, END_EARLY -> response.end();
                case CUT -> request.connection().close();
                case STALL -> {
                    // Hold the response open; the client's cancel or the server's close ends it.
                }
            }
        });
    }

    private void sendError(HttpServerResponse response, Reply.Error error, String param) {
        response.setStatusCode(error.status()).putHeader("content-type", "application/json");
        error.headers().forEach(response::putHeader);
        response.end(errorBody(error, param).toPrettyString());
    }

    private static ObjectNode errorBody(Reply.Error error, String param) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode detail = body.putObject("error").put("message", error.message()).put("type", error.type());
        detail.put("param", param);
        detail.put("code", error.code());
        return body;
    }

    private static String redact(String key) {
        return key.length() <= 8 ? "****" : key.substring(0, 3) + "*".repeat(key.length() - 7) + key.substring(key.length() - 4);
    }

    private record Invalid(String param, String code, String message) {
    }

    /** The checks OpenAI makes of the parts of a request our client sends. */
    private static Optional<Invalid> validate(JsonNode body) {
        if (body == null || !body.isObject()) {
            return invalid(null, null, "We could not parse the JSON body of your request. (HINT: This likely means you"
                    + " aren't using your HTTP library correctly. The OpenAI API expects a JSON payload.)");
        }
        if (!body.path("model").isTextual() || body.path("model").asText().isEmpty()) {
            return invalid("model", null, "you must provide a model parameter");
        }
        JsonNode messages = body.path("messages");
        if (!messages.isArray()) {
            return invalid("messages", "missing_required_parameter", "Missing required parameter: 'messages'.");
        }
        if (messages.isEmpty()) {
            return invalid("messages", "empty_array", "Invalid 'messages': empty array. Expected an array with minimum"
                    + " length 1, but got an empty array instead.");
        }
        Set<String> unanswered = new HashSet<>();
        int unansweredAt = -1;
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            String role = message.path("role").asText();
            String at = "messages[" + i + "]";
            if (!ROLES.contains(role)) {
                return invalid(at + ".role", "invalid_value", "Invalid value: '" + role + "'. Supported values are:"
                        + " 'system', 'assistant', 'user', 'function', 'tool', and 'developer'.");
            }
            if (!role.equals("tool") && !unanswered.isEmpty()) {
                return invalid("messages.[" + unansweredAt + "].role", null, "An assistant message with 'tool_calls' must be"
                        + " followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not"
                        + " have response messages: " + String.join(", ", unanswered));
            }
            JsonNode content = message.path("content");
            switch (role) {
                case "system", "developer", "user" -> {
                    if (content.isMissingNode() || content.isNull()) {
                        return invalid(at + ".content", "missing_required_parameter",
                                "Missing required parameter: '" + at + ".content'.");
                    }
                    if (!content.isTextual() && !content.isArray()) {
                        return invalid(at + ".content", "invalid_type", "Invalid type for '" + at + ".content': expected"
                                + " one of a string or array of objects, but got " + content.getNodeType() + " instead.");
                    }
                }
                case "assistant" -> {
                    JsonNode calls = message.path("tool_calls");
                    if (!calls.isMissingNode() && !calls.isArray()) {
                        return invalid(at + ".tool_calls", "invalid_type", "Invalid type for '" + at + ".tool_calls'.");
                    }
                    if (calls.isArray() && calls.isEmpty()) {
                        return invalid(at + ".tool_calls", "empty_array", "Invalid '" + at + ".tool_calls': empty array."
                                + " Expected an array with minimum length 1, but got an empty array instead.");
                    }
                    if ((content.isMissingNode() || content.isNull()) && !calls.isArray()) {
                        return invalid(at + ".content", "missing_required_parameter", "Missing required parameter: '"
                                + at + ".content'.");
                    }
                    for (int c = 0; c < calls.size(); c++) {
                        JsonNode call = calls.get(c);
                        String callAt = at + ".tool_calls[" + c + "]";
                        if (!call.path("id").isTextual()) {
                            return invalid(callAt + ".id", "missing_required_parameter", "Missing required parameter: '" + callAt + ".id'.");
                        }
                        if (!call.path("type").asText().equals("function")) {
                            return invalid(callAt + ".type", "invalid_value", "Invalid value: '" + call.path("type").asText()
                                    + "'. Supported values are: 'function'.");
                        }
                        if (!call.path("function").path("name").isTextual()) {
                            return invalid(callAt + ".function.name", "missing_required_parameter",
                                    "Missing required parameter: '" + callAt + ".function.name'.");
                        }
                        if (!call.path("function").path("arguments").isTextual()) {
                            return invalid(callAt + ".function.arguments", "missing_required_parameter",
                                    "Missing required parameter: '" + callAt + ".function.arguments'.");
                        }
                        unanswered.add(call.path("id").asText());
                    }
                    unansweredAt = i;
                }
                case "tool" -> {
                    if (!message.path("tool_call_id").isTextual()) {
                        return invalid(at + ".tool_call_id", "missing_required_parameter",
                                "Missing required parameter: '" + at + ".tool_call_id'.");
                    }
                    if (!unanswered.remove(message.path("tool_call_id").asText())) {
                        return invalid("messages.[" + i + "].role", null, "Invalid parameter: messages with role 'tool'"
                                + " must be a response to a preceeding message with 'tool_calls'.");
                    }
                }
                default -> {
                }
            }
        }
        if (!unanswered.isEmpty()) {
            return invalid("messages.[" + unansweredAt + "].role", null, "An assistant message with 'tool_calls' must be"
                    + " followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not"
                    + " have response messages: " + String.join(", ", unanswered));
        }
        JsonNode tools = body.path("tools");
        if (!tools.isMissingNode()) {
            if (!tools.isArray() || tools.isEmpty()) {
                return invalid("tools", "empty_array", "Invalid 'tools': empty array. Expected an array with minimum"
                        + " length 1, but got an empty array instead.");
            }
            for (int t = 0; t < tools.size(); t++) {
                JsonNode tool = tools.get(t);
                String at = "tools[" + t + "]";
                if (!tool.path("type").asText().equals("function")) {
                    return invalid(at + ".type", "invalid_value", "Invalid value: '" + tool.path("type").asText()
                            + "'. Supported values are: 'function' and 'custom'.");
                }
                String name = tool.path("function").path("name").asText("");
                if (!FUNCTION_NAME.matcher(name).matches()) {
                    return invalid(at + ".function.name", "invalid_value", "Invalid '" + at + ".function.name': string does"
                            + " not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.");
                }
                JsonNode parameters = tool.path("function").path("parameters");
                if (!parameters.isMissingNode() && !parameters.path("type").asText().equals("object")) {
                    return invalid(at + ".function.parameters", "invalid_function_parameters", "Invalid schema for function '"
                            + name + "': schema must be a JSON Schema of 'type: \"object\"', got 'type: \""
                            + parameters.path("type").asText("None") + "\"'.");
                }
            }
        }
        JsonNode temperature = body.path("temperature");
        if (!temperature.isMissingNode() && (!temperature.isNumber() || temperature.asDouble() < 0 || temperature.asDouble() > 2)) {
            return invalid("temperature", "decimal_above_max_value", "Invalid 'temperature': decimal above maximum value."
                    + " Expected a value <= 2, but got " + temperature + " instead.");
        }
        boolean stream = body.path("stream").asBoolean(false);
        if (!stream && body.has("stream_options")) {
            return invalid("stream_options", null, "The 'stream_options' parameter is only allowed when 'stream' is enabled.");
        }
        if (!stream) {
            // Not OpenAI's refusal: this server only speaks the streamed protocol, which is all the client uses.
            return invalid("stream", null, "this test server answers streamed requests only (stream: true)");
        }
        return Optional.empty();
    }

    private static Optional<Invalid> invalid(String param, String code, String message) {
        return Optional.of(new Invalid(param, code, message));
    }

    /** Chunks of one completion, shaped as OpenAI sends them. */
    private static final class ChunkWriter {
        private final String id;
        private final String model;
        private final boolean usage;
        private final long created = System.currentTimeMillis() / 1000;

        ChunkWriter(String id, String model, boolean usage) {
            this.id = id;
            this.model = model;
            this.usage = usage;
        }

        String choice(ObjectNode delta, String finishReason) {
            ObjectNode chunk = head();
            ArrayNode choices = chunk.putArray("choices");
            ObjectNode choice = choices.addObject().put("index", 0);
            choice.set("delta", delta);
            choice.putNull("logprobs");
            choice.put("finish_reason", finishReason);
            if (usage) {
                chunk.putNull("usage");
            }
            return chunk.toString();
        }

        String usage(int completionTokens) {
            ObjectNode chunk = head();
            chunk.putArray("choices");
            chunk.putObject("usage").put("prompt_tokens", 120).put("completion_tokens", completionTokens)
                    .put("total_tokens", 120 + completionTokens);
            return chunk.toString();
        }

        private ObjectNode head() {
            return JSON.createObjectNode().put("id", id).put("object", "chat.completion.chunk").put("created", created)
                    .put("model", model).put("system_fingerprint", "fp_test");
        }
    }
}
