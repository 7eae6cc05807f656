package io.vaani.agent.provider.llm.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vaani.agent.provider.llm.openai.OpenAiProtocolServer.Reply;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The test server refuses what OpenAI refuses and streams what OpenAI streams, so tests built on it mean something. */
class OpenAiProtocolServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static OpenAiProtocolServer server;

    @BeforeAll
    static void start() throws Exception {
        server = OpenAiProtocolServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static HttpResponse<String> post(String key, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String body) throws Exception {
        return post(server.apiKey(), body);
    }

    private static JsonNode error(HttpResponse<String> response) throws Exception {
        JsonNode error = JSON.readTree(response.body()).path("error");
        assertThat(error.has("message") && error.has("type") && error.has("param") && error.has("code")).isTrue();
        return error;
    }

    private static String streamed(String messages) {
        return "{\"model\":\"gpt-4o-mini\",\"stream\":true,\"messages\":" + messages + "}";
    }

    @Test
    void refusesAMissingOrWrongKey() throws Exception {
        HttpResponse<String> missing = post(null, streamed("[{\"role\":\"user\",\"content\":\"hi\"}]"));
        HttpResponse<String> wrong = post("sk-wrong-0123456789", streamed("[{\"role\":\"user\",\"content\":\"hi\"}]"));

        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(error(missing).path("message").asText()).startsWith("You didn't provide an API key");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(error(wrong).path("code").asText()).isEqualTo("invalid_api_key");
    }

    @Test
    void refusesToolCallsLeftUnanswered() throws Exception {
        HttpResponse<String> response = post(streamed("[{\"role\":\"user\",\"content\":\"bye\"},"
                + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\","
                + "\"function\":{\"name\":\"end_call\",\"arguments\":\"{}\"}}]},"
                + "{\"role\":\"user\",\"content\":\"hello?\"}]"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error(response).path("message").asText()).contains("did not have response messages: call_1");
    }

    @Test
    void refusesUnknownRolesBadToolNamesAndSchemas() throws Exception {
        HttpResponse<String> role = post(streamed("[{\"role\":\"bot\",\"content\":\"hi\"}]"));
        HttpResponse<String> name = post("{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"end call\",\"parameters\":{\"type\":\"object\"}}}]}");
        HttpResponse<String> schema = post("{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"end_call\",\"parameters\":{\"type\":\"string\"}}}]}");
        HttpResponse<String> empty = post(streamed("[]"));

        assertThat(List.of(role.statusCode(), name.statusCode(), schema.statusCode(), empty.statusCode())).containsOnly(400);
        assertThat(error(role).path("param").asText()).isEqualTo("messages[0].role");
        assertThat(error(name).path("param").asText()).isEqualTo("tools[0].function.name");
        assertThat(error(schema).path("code").asText()).isEqualTo("invalid_function_parameters");
        assertThat(error(empty).path("code").asText()).isEqualTo("empty_array");
    }

    @Test
    void streamsRoleDeltasFinishUsageAndDone() throws Exception {
        server.enqueue(Reply.answer().text("Hi").toolCall("call_7", "end_call", "{\"reason\":\"done\"}").build());

        HttpResponse<String> response = post("{\"model\":\"gpt-4o-mini\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"bye\"}]}");

        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        List<String> data = new ArrayList<>();
        for (String line : response.body().split("\n")) {
            if (line.startsWith("data: ")) {
                data.add(line.substring(6));
            }
        }
        assertThat(data.getLast()).isEqualTo("[DONE]");
        JsonNode first = JSON.readTree(data.getFirst());
        assertThat(first.path("object").asText()).isEqualTo("chat.completion.chunk");
        assertThat(first.path("choices").get(0).path("delta").path("role").asText()).isEqualTo("assistant");
        JsonNode usage = JSON.readTree(data.get(data.size() - 2));
        assertThat(usage.path("choices")).isEmpty();
        assertThat(usage.path("usage").path("total_tokens").asInt()).isPositive();
        JsonNode finish = JSON.readTree(data.get(data.size() - 3));
        assertThat(finish.path("choices").get(0).path("finish_reason").asText()).isEqualTo("tool_calls");
        StringBuilder arguments = new StringBuilder();
        int pieces = 0;
        for (String chunk : data.subList(1, data.size() - 3)) {
            JsonNode call = JSON.readTree(chunk).path("choices").get(0).path("delta").path("tool_calls").path(0);
            if (!call.isMissingNode()) {
                arguments.append(call.path("function").path("arguments").asText());
                pieces++;
            }
        }
        assertThat(arguments.toString()).isEqualTo("{\"reason\":\"done\"}");
        assertThat(pieces).isGreaterThan(2);
    }

    @Test
    void answersTheFallbackWhenNothingIsQueued() throws Exception {
        server.fallback(request -> Reply.text("You said " + request.lastContent("user").orElse("nothing")));
        try {
            HttpResponse<String> response = post(streamed("[{\"role\":\"user\",\"content\":\"hello\"}]"));

            assertThat(response.body()).contains("\"content\":\"You said hello\"").doesNotContain("\"usage\"");
        } finally {
            server.fallback(request -> Reply.serverError());
        }
    }
}
