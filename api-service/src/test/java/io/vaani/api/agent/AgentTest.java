package io.vaani.api.agent;

import static io.vaani.api.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.vaani.api.Api;
import io.vaani.api.Api.Person;
import io.vaani.api.ApiTest;
import io.vaani.testing.TestData;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Agents through the API: defaults, changes by group, the checks on providers and tools, and deletion. */
@QuarkusTest
@ApiTest
class AgentTest {
    private static final Map<String, Object> LOOKUP = Map.of("name", "lookup_policy", "description", "Finds a policy",
            "url", "https://crm.example.com/lookup", "parameters", Map.of("type", "object", "properties", Map.of()));

    @Test
    void anAgentTakesDefaultsAndChangesGroupByGroup() {
        Person dev = Api.person("agent-dev");
        UUID workspace = Api.workspace(dev);
        String id = as(dev).body(Map.of("name", " Renewals ", "systemPrompt", "Be brief.", "tts",
                Map.of("provider", "cartesia", "voice", "sonic-voice"))).post("/v1/workspaces/{w}/agents", workspace)
                .then().statusCode(201).body("name", equalTo("Renewals")).body("livekitAgentName", equalTo("vaani-agent"))
                .body("llm.provider", equalTo("openai")).body("stt.model", equalTo("nova-3"))
                .body("tts.provider", equalTo("cartesia")).body("tts.voice", equalTo("sonic-voice"))
                .body("tools.endCall", equalTo(true)).body("voicemail.action", equalTo("HANG_UP"))
                .body("maxCallSeconds", equalTo(600)).body("createdAt", notNullValue()).extract().path("id");

        as(dev).body(Map.of("llm", Map.of("provider", "groq", "model", "llama-3.3-70b-versatile"),
                "tools", Map.of("endCall", true, "transferNumber", "+14155550100", "http", List.of(LOOKUP)),
                "voicemail", Map.of("action", "LEAVE_MESSAGE", "message", "Please call us back.")))
                .patch("/v1/workspaces/{w}/agents/{a}", workspace, id).then().statusCode(200)
                .body("name", equalTo("Renewals")).body("systemPrompt", equalTo("Be brief."))
                .body("llm.provider", equalTo("groq")).body("tools.callback", equalTo(false))
                .body("tools.transferNumber", equalTo("+14155550100")).body("tools.http[0].name", equalTo("lookup_policy"))
                .body("voicemail.message", equalTo("Please call us back.")).body("tts.provider", equalTo("cartesia"));

        as(dev).get("/v1/workspaces/{w}/agents/{a}", workspace, id).then().statusCode(200).body("llm.model", equalTo("llama-3.3-70b-versatile"));
        as(dev).get("/v1/workspaces/{w}/agents", workspace).then().statusCode(200).body("items", hasSize(1))
                .body("nextCursor", nullValue());
        as(dev).delete("/v1/workspaces/{w}/agents/{a}", workspace, id).then().statusCode(204);
        as(dev).get("/v1/workspaces/{w}/agents/{a}", workspace, id).then().statusCode(404);
        as(dev).delete("/v1/workspaces/{w}/agents/{a}", workspace, id).then().statusCode(404);
    }

    @Test
    void badAgentsAreRefusedNamingTheField() {
        Person dev = Api.person("agent-bad");
        UUID workspace = Api.workspace(dev);
        refused(dev, workspace, Map.of("systemPrompt", "x"), "name");
        refused(dev, workspace, Map.of("name", "A", "llm", Map.of("provider", "anthropic", "model", "x")), "llm.provider");
        refused(dev, workspace, Map.of("name", "A", "stt", Map.of("provider", "deepgram")), "stt.model");
        refused(dev, workspace, Map.of("name", "A", "tts", Map.of("provider", "polly")), "tts.provider");
        refused(dev, workspace, Map.of("name", "A", "language", "English"), "language");
        refused(dev, workspace, Map.of("name", "A", "maxCallSeconds", 10), "maxCallSeconds");
        refused(dev, workspace, Map.of("name", "A", "voicemail", Map.of("action", "LEAVE_MESSAGE")), "voicemail.message");
        refused(dev, workspace, Map.of("name", "A", "voicemail", Map.of("action", "SING")), "voicemail.action");
        refused(dev, workspace, Map.of("name", "A", "tools", Map.of("transferNumber", "0800 FLOWERS")), "tools.transferNumber");
        refused(dev, workspace, Map.of("name", "A", "tools", Map.of("http", List.of(LOOKUP, LOOKUP))), "tools.http[1].name");
        refused(dev, workspace, Map.of("name", "A", "tools", Map.of("http", List.of(Map.of("name", "end_call", "description", "d",
                "url", "https://x.example.com", "parameters", Map.of("type", "object"))))), "tools.http[0].name");
        refused(dev, workspace, Map.of("name", "A", "tools", Map.of("http", List.of(Map.of("name", "t", "description", "d",
                "url", "ftp://x.example.com", "parameters", Map.of("type", "object"))))), "tools.http[0].url");
        refused(dev, workspace, Map.of("name", "A", "tools", Map.of("http", List.of(Map.of("name", "t", "description", "d",
                "url", "https://x.example.com", "parameters", Map.of("type", "string"))))), "tools.http[0].parameters");
        refused(dev, workspace, Map.of("name", "A", "colour", "blue"), "colour");
    }

    @Test
    void anAgentInUseIsNotDeletedAndOtherWorkspacesCannotSeeIt() throws Exception {
        Person dev = Api.person("agent-used");
        Person stranger = Api.person("agent-stranger");
        UUID workspace = Api.workspace(dev);
        String id = as(dev).body(Map.of("name", "Used")).post("/v1/workspaces/{w}/agents", workspace).then().statusCode(201)
                .extract().path("id");
        try (TestData data = new TestData(ApiTest.DATABASE)) {
            data.update("insert into campaigns (workspace_id, agent_id, slug, name) values (?, ?, 'uses-agent', 'C')", workspace,
                    UUID.fromString(id));
        }
        as(dev).delete("/v1/workspaces/{w}/agents/{a}", workspace, id).then().statusCode(409).body("detail", containsString("used"));
        UUID other = Api.workspace(stranger);
        as(stranger).get("/v1/workspaces/{w}/agents/{a}", other, id).then().statusCode(404);
        as(stranger).body(Map.of("name", "Mine")).patch("/v1/workspaces/{w}/agents/{a}", other, id).then().statusCode(404);
    }

    private static void refused(Person dev, UUID workspace, Map<String, Object> body, String field) {
        as(dev).body(body).post("/v1/workspaces/{w}/agents", workspace).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo(field));
    }
}
