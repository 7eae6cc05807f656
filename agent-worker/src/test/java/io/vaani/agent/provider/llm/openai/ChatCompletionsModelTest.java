package io.vaani.agent.provider.llm.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vaani.agent.provider.ProviderException;
import io.vaani.agent.provider.llm.ChatMessage;
import io.vaani.agent.provider.llm.LlmCall;
import io.vaani.agent.provider.llm.LlmRequest;
import io.vaani.agent.provider.llm.RecordingListener;
import io.vaani.agent.provider.llm.RecordingListener.Call;
import io.vaani.agent.provider.llm.RecordingListener.Complete;
import io.vaani.agent.provider.llm.RecordingListener.Text;
import io.vaani.agent.provider.llm.ToolCall;
import io.vaani.agent.provider.llm.ToolDefinition;
import io.vaani.agent.provider.llm.openai.OpenAiProtocolServer.Reply;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ChatCompletionsModelTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static OpenAiProtocolServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = OpenAiProtocolServer.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    private static ChatCompletionsModel model() {
        return model(server.apiKey(), Duration.ofSeconds(5));
    }

    private static ChatCompletionsModel model(String key, Duration responseTimeout) {
        return new ChatCompletionsModel("openai", HTTP, server.baseUrl(), key, responseTimeout);
    }

    private static LlmRequest request(ChatMessage... messages) {
        return new LlmRequest("gpt-4o-mini", List.of(messages), List.of(endCall(), scheduleCallback()), Optional.of(0.4));
    }

    private static ToolDefinition endCall() {
        ObjectNode parameters = JSON.createObjectNode().put("type", "object");
        parameters.putObject("properties").putObject("reason").put("type", "string");
        return new ToolDefinition("end_call", "Hang up once the conversation is over.", parameters);
    }

    private static ToolDefinition scheduleCallback() {
        ObjectNode parameters = JSON.createObjectNode().put("type", "object");
        parameters.putObject("properties").putObject("time").put("type", "string").put("format", "date-time");
        parameters.putArray("required").add("time");
        return new ToolDefinition("schedule_callback", "Call the person back at the time they asked for.", parameters);
    }

    private static RecordingListener run(LlmRequest request) {
        RecordingListener listener = new RecordingListener();
        model().stream(request, listener);
        await().until(listener::ended);
        return listener;
    }

    private static ProviderException failure(RecordingListener listener) {
        assertThat(listener.events()).noneMatch(Complete.class::isInstance);
        return listener.error().orElseThrow();
    }

    @Test
    void streamsTheTextDeltasInOrderThenCompletes() {
        server.enqueue(Reply.text("Hello", ", this is", " Priya", " from Acme."));

        RecordingListener listener = run(request(new ChatMessage.System("You are Priya."), new ChatMessage.User("Hi")));

        assertThat(listener.events()).containsExactly(new Text("Hello"), new Text(", this is"), new Text(" Priya"),
                new Text(" from Acme."), new Complete("stop"));
    }

    @Test
    void postsTheDocumentedRequest() {
        server.enqueue(Reply.text("Sure."));

        run(request(new ChatMessage.System("You are Priya."), new ChatMessage.User("Can you call me back?")));

        OpenAiProtocolServer.ReceivedRequest received = server.lastRequest();
        assertThat(received.path()).isEqualTo("/v1/chat/completions");
        assertThat(received.headers()).containsEntry("authorization", "Bearer " + server.apiKey())
                .containsEntry("content-type", "application/json");
        JsonNode body = received.body();
        assertThat(body.path("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.path("stream_options").path("include_usage").asBoolean()).isTrue();
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.4);
        assertThat(received.roles()).containsExactly("system", "user");
        assertThat(received.lastContent("user")).contains("Can you call me back?");
        JsonNode tool = body.path("tools").get(1);
        assertThat(tool.path("type").asText()).isEqualTo("function");
        assertThat(tool.path("function").path("name").asText()).isEqualTo("schedule_callback");
        assertThat(tool.path("function").path("description").asText()).startsWith("Call the person back");
        assertThat(tool.path("function").path("parameters")).isEqualTo(scheduleCallback().parameters());
    }

    @Test
    void leavesOutToolsAndTemperatureWhenThereAreNone() {
        server.enqueue(Reply.text("Hi."));

        RecordingListener listener = new RecordingListener();
        model().stream(new LlmRequest("gpt-4o-mini", List.of(new ChatMessage.User("Hi")), List.of(), Optional.empty()), listener);
        await().until(listener::ended);

        assertThat(listener.events()).endsWith(new Complete("stop"));
        assertThat(server.lastRequest().body().has("tools")).isFalse();
        assertThat(server.lastRequest().body().has("temperature")).isFalse();
    }

    @Test
    void sendsEarlierToolCallsAndTheirResultsAsTheApiWantsThem() {
        server.enqueue(Reply.text("Talk to you then."));

        RecordingListener listener = run(request(
                new ChatMessage.System("You are Priya."),
                new ChatMessage.User("Call me back at five"),
                new ChatMessage.Assistant("", List.of(new ToolCall("call_a1", "schedule_callback", "{\"time\":\"2025-06-02T17:00:00+05:30\"}"))),
                new ChatMessage.ToolResult("call_a1", "scheduled"),
                new ChatMessage.Assistant("Done, talk to you at five.", List.of()),
                new ChatMessage.User("Thanks")));

        assertThat(listener.events()).endsWith(new Complete("stop"));
        JsonNode messages = server.lastRequest().body().path("messages");
        assertThat(server.lastRequest().roles()).containsExactly("system", "user", "assistant", "tool", "assistant", "user");
        JsonNode calling = messages.get(2);
        assertThat(calling.path("content").isNull()).isTrue();
        assertThat(calling.path("tool_calls").get(0).path("id").asText()).isEqualTo("call_a1");
        assertThat(calling.path("tool_calls").get(0).path("type").asText()).isEqualTo("function");
        assertThat(calling.path("tool_calls").get(0).path("function").path("arguments").asText())
                .isEqualTo("{\"time\":\"2025-06-02T17:00:00+05:30\"}");
        assertThat(messages.get(3).path("tool_call_id").asText()).isEqualTo("call_a1");
        assertThat(messages.get(3).path("content").asText()).isEqualTo("scheduled");
        assertThat(messages.get(4).has("tool_calls")).isFalse();
    }

    @Test
    void joinsAToolCallStreamedInPieces() {
        String arguments = "{\"time\":\"2025-06-03T17:00:00+05:30\"}";
        server.enqueue(Reply.answer().text("Sure,").text(" I'll call you back.").toolCall("call_x9", "schedule_callback", arguments).build());

        RecordingListener listener = run(request(new ChatMessage.User("Call me back tomorrow at 5")));

        assertThat(listener.events()).containsExactly(new Text("Sure,"), new Text(" I'll call you back."),
                new Call(new ToolCall("call_x9", "schedule_callback", arguments)), new Complete("tool_calls"));
    }

    @Test
    void handsOverParallelToolCallsWholeAndInIndexOrder() {
        server.enqueue(Reply.answer()
                .toolCallInPieces("call_1", "schedule_callback", "{\"ti", "me\":\"2025-06-03T", "17:00:00Z\"}")
                .toolCallInPieces("call_2", "end_call", "{\"reason\"", ":\"callback\"}")
                .build());

        RecordingListener listener = run(request(new ChatMessage.User("Call me back tomorrow, bye")));

        assertThat(listener.events()).containsExactly(
                new Call(new ToolCall("call_1", "schedule_callback", "{\"time\":\"2025-06-03T17:00:00Z\"}")),
                new Call(new ToolCall("call_2", "end_call", "{\"reason\":\"callback\"}")),
                new Complete("tool_calls"));
    }

    @Test
    void joinsPiecesByIndexEvenWhenCallsInterleave() {
        server.enqueue(Reply.answer()
                .toolCallInPieces("call_1", "end_call", "{\"reason\":")
                .toolCallInPieces("call_2", "schedule_callback", "{\"time\":")
                .step(new Reply.Step.ToolCallArguments(0, "\"bye\"}"))
                .step(new Reply.Step.ToolCallArguments(1, "\"later\"}"))
                .build());

        RecordingListener listener = run(request(new ChatMessage.User("bye")));

        assertThat(listener.toolCalls()).containsExactly(new ToolCall("call_1", "end_call", "{\"reason\":\"bye\"}"),
                new ToolCall("call_2", "schedule_callback", "{\"time\":\"later\"}"));
    }

    @Test
    void aWrongKeyIsRefusedAndNotWorthRetrying() {
        RecordingListener listener = new RecordingListener();
        model("sk-wrong-key-0000", Duration.ofSeconds(5)).stream(request(new ChatMessage.User("Hi")), listener);
        await().until(listener::ended);

        ProviderException error = failure(listener);
        assertThat(error.provider()).isEqualTo("openai");
        assertThat(error.status()).isEqualTo(401);
        assertThat(error.retryable()).isFalse();
        assertThat(error.getMessage()).contains("invalid_api_key").contains("Incorrect API key provided");
    }

    @Test
    void aMalformedConversationIsRefusedWithTheApisReason() {
        RecordingListener listener = run(request(new ChatMessage.User("Hi"), new ChatMessage.ToolResult("call_nowhere", "done")));

        ProviderException error = failure(listener);
        assertThat(error.status()).isEqualTo(400);
        assertThat(error.retryable()).isFalse();
        assertThat(error.getMessage()).contains("invalid_request_error").contains("must be a response to a preceeding message");
    }

    @Test
    void aRateLimitIsRetryableAfterTheWaitItAsksFor() {
        server.enqueue(Reply.rateLimited(Duration.ofSeconds(7)));

        ProviderException error = failure(run(request(new ChatMessage.User("Hi"))));

        assertThat(error.status()).isEqualTo(429);
        assertThat(error.retryable()).isTrue();
        assertThat(error.retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(error.getMessage()).contains("rate_limit_exceeded");
    }

    @Test
    void aRateLimitWithoutRetryAfterWaitsForTheLongerReset() {
        server.enqueue(Reply.rateLimitedUntilReset("250ms", "1m30s"));

        ProviderException error = failure(run(request(new ChatMessage.User("Hi"))));

        assertThat(error.retryable()).isTrue();
        assertThat(error.retryAfter()).contains(Duration.ofSeconds(90));
    }

    @Test
    void anExhaustedQuotaIsNotWorthRetrying() {
        server.enqueue(Reply.quotaExceeded());

        ProviderException error = failure(run(request(new ChatMessage.User("Hi"))));

        assertThat(error.status()).isEqualTo(429);
        assertThat(error.retryable()).isFalse();
        assertThat(error.retryAfter()).isEmpty();
    }

    @Test
    void aServerErrorIsRetryable() {
        server.enqueue(Reply.serverError());

        ProviderException error = failure(run(request(new ChatMessage.User("Hi"))));

        assertThat(error.status()).isEqualTo(500);
        assertThat(error.retryable()).isTrue();
        assertThat(error.getMessage()).contains("server_error");
    }

    @Test
    void aStreamCutMidwayFailsRetryablyAfterTheTextThatCame() {
        server.enqueue(Reply.answer().text("Hello").text(" there").text(" and more").cutAfter(3).build());

        RecordingListener listener = run(request(new ChatMessage.User("Hi")));

        assertThat(listener.deltas()).containsExactly("Hello", " there");
        ProviderException error = failure(listener);
        assertThat(error.retryable()).isTrue();
        assertThat(error.status()).isZero();
    }

    @Test
    void aStreamEndingBeforeItsFinishIsAnError() {
        server.enqueue(Reply.answer().text("Hello").toolCall("call_1", "end_call", "{\"reason\":\"bye\"}").endEarlyAfter(4).build());

        RecordingListener listener = run(request(new ChatMessage.User("Hi")));

        assertThat(listener.toolCalls()).as("a tool call is never handed over half-streamed").isEmpty();
        assertThat(failure(listener).retryable()).isTrue();
    }

    @Test
    void anErrorInsideTheStreamEndsIt() {
        server.enqueue(Reply.answer().text("Let me").thenError("server_error", "The model produced invalid content.").build());

        RecordingListener listener = run(request(new ChatMessage.User("Hi")));

        assertThat(listener.deltas()).containsExactly("Let me");
        ProviderException error = failure(listener);
        assertThat(error.retryable()).isTrue();
        assertThat(error.getMessage()).contains("The model produced invalid content.");
    }

    @Test
    void cancelAbortsTheStreamAndNothingFollows() {
        server.enqueue(Reply.answer().text("Hello").text(" there").text(" never sent").stallAfter(3).build());
        RecordingListener listener = new RecordingListener();

        LlmCall call = model().stream(request(new ChatMessage.User("Hi")), listener);
        await().until(() -> listener.deltas().size() == 2);
        call.cancel();

        await().until(() -> server.lastRequest().connectionClosed().isDone());
        assertThat(listener.events()).containsExactly(new Text("Hello"), new Text(" there"));
    }

    @Test
    void cancelBeforeTheResponseAbortsTheRequest() {
        server.enqueue(Reply.noAnswer());
        int before = server.requests().size();
        RecordingListener listener = new RecordingListener();

        LlmCall call = model().stream(request(new ChatMessage.User("Hi")), listener);
        await().until(() -> server.requests().size() == before + 1);
        call.cancel();

        await().until(() -> server.lastRequest().connectionClosed().isDone());
        assertThat(listener.events()).isEmpty();
    }

    @Test
    void noResponseInTimeIsARetryableFailure() {
        server.enqueue(Reply.noAnswer());
        RecordingListener listener = new RecordingListener();

        model(server.apiKey(), Duration.ofMillis(300)).stream(request(new ChatMessage.User("Hi")), listener);
        await().until(listener::ended);

        ProviderException error = failure(listener);
        assertThat(error.status()).isZero();
        assertThat(error.retryable()).isTrue();
        assertThat(error.getMessage()).contains("no response within");
    }

    @Test
    void theResponseTimeoutDoesNotCutALongStream() {
        server.enqueue(Reply.answer().text("Let me think.").pause(Duration.ofMillis(700)).text(" Yes.").build());
        RecordingListener listener = new RecordingListener();

        model(server.apiKey(), Duration.ofMillis(300)).stream(request(new ChatMessage.User("Hi")), listener);
        await().until(listener::ended);

        assertThat(listener.events()).containsExactly(new Text("Let me think."), new Text(" Yes."), new Complete("stop"));
    }

    @Test
    void anUnreachableServerIsARetryableFailure() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        RecordingListener listener = new RecordingListener();

        new ChatCompletionsModel("groq", HTTP, URI.create("http://127.0.0.1:" + port + "/openai/v1"), "gsk_x", Duration.ofSeconds(2))
                .stream(request(new ChatMessage.User("Hi")), listener);
        await().until(listener::ended);

        ProviderException error = failure(listener);
        assertThat(error.provider()).isEqualTo("groq");
        assertThat(error.status()).isZero();
        assertThat(error.retryable()).isTrue();
    }
}
