package io.vaani.agent.voice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vaani.agent.provider.llm.ToolCall;
import io.vaani.agent.provider.llm.ToolDefinition;
import io.vaani.contracts.agent.AgentProfile;
import io.vaani.contracts.domain.CallOutcome;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tools an agent's profile grants, as the model sees them, and what calling each does. A
 * tool's result goes back to the model as text; what it means for the call (the outcome, hanging
 * up) is returned alongside.
 */
final class CallTools {
    static final String END_CALL = "end_call";
    static final String SCHEDULE_CALLBACK = "schedule_callback";
    static final String MARK_DO_NOT_CALL = "mark_do_not_call";
    static final String TRANSFER_CALL = "transfer_call";
    private static final int MAX_RESULT_CHARS = 4000;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a tool call did: the text for the model, and the call's outcome and end when it settles them. */
    record Result(String text, Optional<CallOutcome> outcome, boolean endsCall) {
        static Result text(String text) {
            return new Result(text, Optional.empty(), false);
        }
    }

    private final AgentProfile.Tools tools;
    private final CallActions actions;
    private final HttpClient http;

    CallTools(AgentProfile.Tools tools, CallActions actions, HttpClient http) {
        this.tools = tools;
        this.actions = actions;
        this.http = http;
    }

    List<ToolDefinition> definitions() {
        List<ToolDefinition> definitions = new ArrayList<>();
        if (tools.endCall()) {
            definitions.add(new ToolDefinition(END_CALL, "End the call once the conversation is over and you have said goodbye.",
                    schema(Map.of("reason", "Why the call ends, in a few words (e.g. 'not interested', 'done')"), List.of())));
        }
        if (tools.callback()) {
            definitions.add(new ToolDefinition(SCHEDULE_CALLBACK, "Schedule a callback at the time the callee names.",
                    schema(Map.of("time", "The callee's local date and time for the callback, ISO 8601 without zone, e.g. 2026-03-14T17:00",
                            "note", "What the callback is about"), List.of("time"))));
        }
        if (tools.optOut()) {
            definitions.add(new ToolDefinition(MARK_DO_NOT_CALL,
                    "The callee asks not to be called again: their number goes on the do-not-call list.", schema(Map.of(), List.of())));
        }
        if (tools.transferNumber() != null && !tools.transferNumber().isBlank()) {
            definitions.add(new ToolDefinition(TRANSFER_CALL, "Transfer the callee to a person when they ask for one.",
                    schema(Map.of(), List.of())));
        }
        for (AgentProfile.HttpTool tool : tools.http()) {
            definitions.add(new ToolDefinition(tool.name(), tool.description(), (ObjectNode) tool.parameters()));
        }
        return definitions;
    }

    Result call(ToolCall call) {
        JsonNode arguments;
        try {
            arguments = call.arguments() == null || call.arguments().isBlank() ? JSON.createObjectNode() : JSON.readTree(call.arguments());
        } catch (Exception e) {
            return Result.text("The arguments were not valid JSON; call the tool again with a JSON object.");
        }
        return switch (call.name()) {
            case END_CALL -> new Result("The call will end now.", Optional.empty(), true); // keeps CALLBACK, DNC... if settled before
            case SCHEDULE_CALLBACK -> scheduleCallback(arguments);
            case MARK_DO_NOT_CALL -> {
                actions.optOut();
                yield new Result("The number is on the do-not-call list. Apologise briefly, say goodbye and end the call.",
                        Optional.of(CallOutcome.DNC), false);
            }
            case TRANSFER_CALL -> transfer();
            default -> tools.http().stream().filter(t -> t.name().equals(call.name())).findFirst().map(t -> callHttp(t, arguments))
                    .orElse(Result.text("There is no tool named " + call.name() + "."));
        };
    }

    private Result scheduleCallback(JsonNode arguments) {
        String time = arguments.path("time").asText("");
        LocalDateTime at;
        String zone = null; // the prospect's own zone
        try {
            at = LocalDateTime.parse(time.length() == 16 ? time + ":00" : time);
        } catch (DateTimeParseException local) {
            try { // a model may add an offset: then the time is meant in that offset
                OffsetDateTime offset = OffsetDateTime.parse(time);
                at = offset.toLocalDateTime();
                zone = offset.getOffset().getId();
            } catch (DateTimeParseException e) {
                return Result.text("'" + time + "' is not a date and time like 2026-03-14T17:00; ask the callee again.");
            }
        }
        actions.scheduleCallback(at, zone, arguments.path("note").asText(null));
        return new Result("Callback scheduled for " + at + ". Confirm it to the callee and say goodbye.",
                Optional.of(CallOutcome.CALLBACK), false);
    }

    private Result transfer() {
        try {
            actions.transfer(tools.transferNumber());
            return new Result("The callee is being transferred.", Optional.of(CallOutcome.TRANSFERRED), true);
        } catch (Exception e) {
            return Result.text("The transfer failed (" + e.getMessage() + "); tell the callee and offer a callback instead.");
        }
    }

    private Result callHttp(AgentProfile.HttpTool tool, JsonNode arguments) {
        Duration timeout = Duration.ofMillis(tool.timeoutMs() == null ? 5000 : tool.timeoutMs());
        HttpRequest.Builder request;
        if ("GET".equalsIgnoreCase(tool.method())) {
            StringBuilder query = new StringBuilder();
            for (Iterator<Map.Entry<String, JsonNode>> fields = arguments.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                query.append(query.isEmpty() ? "" : "&").append(URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(field.getValue().isTextual() ? field.getValue().asText() : field.getValue().toString(),
                                StandardCharsets.UTF_8));
            }
            request = HttpRequest.newBuilder(URI.create(tool.url() + (query.isEmpty() ? "" : (tool.url().contains("?") ? "&" : "?") + query)))
                    .GET();
        } else {
            request = HttpRequest.newBuilder(URI.create(tool.url())).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(arguments.toString()));
        }
        try {
            HttpResponse<String> response = http.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
            String body = response.body().length() > MAX_RESULT_CHARS ? response.body().substring(0, MAX_RESULT_CHARS) + "…" : response.body();
            return Result.text(response.statusCode() / 100 == 2 ? body : "The tool answered HTTP " + response.statusCode() + ": " + body);
        } catch (java.net.http.HttpTimeoutException e) {
            return Result.text("The tool did not answer within " + timeout.toMillis() + " ms.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.text("The tool call was interrupted.");
        } catch (Exception e) {
            return Result.text("The tool failed: " + e.getMessage());
        }
    }

    private static ObjectNode schema(Map<String, String> strings, List<String> required) {
        ObjectNode schema = JSON.createObjectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        strings.forEach((name, description) -> properties.putObject(name).put("type", "string").put("description", description));
        required.forEach(schema.putArray("required")::add);
        return schema;
    }
}
