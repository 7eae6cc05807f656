package io.vaani.agent.voice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.vaani.agent.provider.llm.ToolCall;
import io.vaani.agent.provider.llm.ToolDefinition;
import io.vaani.contracts.agent.AgentProfile;
import io.vaani.contracts.domain.CallOutcome;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CallToolsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<String> done = new CopyOnWriteArrayList<>();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private HttpServer crm;

    private final CallActions actions = new CallActions() {
        @Override
        public void scheduleCallback(LocalDateTime localTime, String zone, String note) {
            done.add("callback " + localTime + " " + zone + " " + note);
        }

        @Override
        public void optOut() {
            done.add("opt-out");
        }

        @Override
        public void transfer(String number) throws Exception {
            if (number.endsWith("0")) {
                throw new IllegalStateException("busy");
            }
            done.add("transfer " + number);
        }

        @Override
        public void hangUp() {
            done.add("hang up");
        }
    };

    @BeforeEach
    void startCrm() throws Exception {
        crm = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        crm.createContext("/policy", exchange -> {
            received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = "{\"policy\":\"HX-42\",\"renewal\":\"2026-12-01\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        crm.createContext("/slow", exchange -> {
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(2)); // a tool slower than its timeout, on the tool server's thread
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        crm.start();
    }

    @AfterEach
    void stopCrm() {
        crm.stop(0);
    }

    private CallTools tools(String transferNumber, AgentProfile.HttpTool... http) {
        return new CallTools(new AgentProfile.Tools(true, true, true, transferNumber, List.of(http)), actions, HttpClient.newHttpClient());
    }

    private AgentProfile.HttpTool http(String name, String path, String method, int timeoutMs) throws Exception {
        return new AgentProfile.HttpTool(name, "Finds the policy", "http://127.0.0.1:" + crm.getAddress().getPort() + path, method,
                timeoutMs, JSON.readTree("{\"type\":\"object\",\"properties\":{\"phone\":{\"type\":\"string\"}}}"));
    }

    @Test
    void theModelSeesOnlyTheGrantedToolsWithObjectSchemas() throws Exception {
        List<ToolDefinition> granted = tools("+14155550199", http("lookup_policy", "/policy", "POST", 1000)).definitions();
        assertThat(granted).extracting(ToolDefinition::name)
                .containsExactly("end_call", "schedule_callback", "mark_do_not_call", "transfer_call", "lookup_policy");
        assertThat(granted).allSatisfy(tool -> assertThat(tool.parameters().path("type").asText()).isEqualTo("object"));
        assertThat(new CallTools(AgentProfile.Tools.none(), actions, HttpClient.newHttpClient()).definitions()).isEmpty();
    }

    @Test
    void callbacksTakeTheCalleesLocalTimeOrTheOffsetTheModelGave() {
        CallTools.Result local = tools(null).call(new ToolCall("1", "schedule_callback", "{\"time\":\"2026-11-25T17:00\",\"note\":\"renewal\"}"));
        CallTools.Result offset = tools(null).call(new ToolCall("2", "schedule_callback", "{\"time\":\"2026-11-25T17:00:00+05:30\"}"));
        CallTools.Result nonsense = tools(null).call(new ToolCall("3", "schedule_callback", "{\"time\":\"tomorrow-ish\"}"));

        assertThat(local.outcome()).contains(CallOutcome.CALLBACK);
        assertThat(offset.outcome()).contains(CallOutcome.CALLBACK);
        assertThat(nonsense.outcome()).isEmpty();
        assertThat(nonsense.text()).contains("tomorrow-ish");
        assertThat(done).containsExactly("callback 2026-11-25T17:00 null renewal", "callback 2026-11-25T17:00 +05:30 null");
    }

    @Test
    void optOutEndCallAndTransferSettleTheCall() {
        assertThat(tools(null).call(new ToolCall("1", "mark_do_not_call", "")).outcome()).contains(CallOutcome.DNC);
        CallTools.Result end = tools(null).call(new ToolCall("2", "end_call", "{\"reason\":\"done\"}"));
        assertThat(end.endsCall()).isTrue();
        assertThat(end.outcome()).isEmpty(); // the outcome settled earlier (or COMPLETED) stands
        CallTools.Result transferred = tools("+14155550199").call(new ToolCall("3", "transfer_call", "{}"));
        assertThat(transferred.outcome()).contains(CallOutcome.TRANSFERRED);
        CallTools.Result failed = tools("+14155550190").call(new ToolCall("4", "transfer_call", "{}"));
        assertThat(failed.endsCall()).isFalse();
        assertThat(failed.text()).contains("transfer failed (busy)");
        assertThat(done).containsExactly("opt-out", "transfer +14155550199");
    }

    @Test
    void httpToolsSendTheArgumentsAndReturnTheAnswerOrWhyNot() throws Exception {
        CallTools tools = tools(null, http("lookup_policy", "/policy", "POST", 1000), http("find_policy", "/policy", "GET", 1000),
                http("slow_tool", "/slow", "POST", 300));

        assertThat(tools.call(new ToolCall("1", "lookup_policy", "{\"phone\":\"+15551230000\"}")).text()).contains("HX-42");
        assertThat(tools.call(new ToolCall("2", "find_policy", "{\"phone\":\"+15551230000\"}")).text()).contains("HX-42");
        assertThat(tools.call(new ToolCall("3", "slow_tool", "{}")).text()).isEqualTo("The tool did not answer within 300 ms.");
        assertThat(tools.call(new ToolCall("4", "lookup_policy", "{not json")).text()).contains("not valid JSON");
        assertThat(tools.call(new ToolCall("5", "no_such_tool", "{}")).text()).isEqualTo("There is no tool named no_such_tool.");
        assertThat(received).containsExactly("POST /policy {\"phone\":\"+15551230000\"}", "GET /policy?phone=%2B15551230000 ");
    }
}
