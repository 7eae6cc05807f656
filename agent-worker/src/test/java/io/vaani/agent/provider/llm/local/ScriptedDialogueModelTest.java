package io.vaani.agent.provider.llm.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vaani.agent.provider.llm.ChatMessage;
import io.vaani.agent.provider.llm.LlmCall;
import io.vaani.agent.provider.llm.LlmRequest;
import io.vaani.agent.provider.llm.RecordingListener;
import io.vaani.agent.provider.llm.RecordingListener.Complete;
import io.vaani.agent.provider.llm.ToolCall;
import io.vaani.agent.provider.llm.ToolDefinition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScriptedDialogueModelTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Monday 2 June 2025, 10:00 in Kolkata. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-02T04:30:00Z"), ZoneId.of("Asia/Kolkata"));
    private static final String PROMPT = "You are Priya, a friendly agent from Acme Insurance. Remind people their policy renews.";

    private final ScriptedDialogueModel model = new ScriptedDialogueModel(CLOCK, Duration.ZERO);

    private static ToolDefinition tool(String name, String... stringProperties) {
        ObjectNode parameters = JSON.createObjectNode().put("type", "object");
        ObjectNode properties = parameters.putObject("properties");
        for (String property : stringProperties) {
            ObjectNode schema = properties.putObject(property).put("type", "string");
            if (property.equals("callback_at")) {
                schema.put("format", "date-time");
            }
        }
        return new ToolDefinition(name, name, parameters);
    }

    private static final List<ToolDefinition> ALL_TOOLS = List.of(tool("end_call", "reason"),
            tool("schedule_callback", "callback_at", "note"), tool("mark_do_not_call", "reason"));

    private RecordingListener answer(List<ToolDefinition> tools, ChatMessage... messages) {
        RecordingListener listener = new RecordingListener();
        model.stream(new LlmRequest("local", List.of(messages), tools, Optional.empty()), listener);
        await().until(listener::ended);
        return listener;
    }

    private RecordingListener answer(ChatMessage... messages) {
        return answer(ALL_TOOLS, messages);
    }

    private static ChatMessage[] conversation(String... userTurns) {
        List<ChatMessage> messages = new ArrayList<>(List.of(new ChatMessage.System(PROMPT)));
        for (String turn : userTurns) {
            messages.add(new ChatMessage.User(turn));
        }
        return messages.toArray(ChatMessage[]::new);
    }

    @Test
    void greetsAsTheAgentOfTheSystemPromptInSmallDeltas() {
        RecordingListener listener = answer(new ChatMessage.System(PROMPT));

        assertThat(listener.text()).isEqualTo("Hello, this is Priya from Acme Insurance. Is this a good time to talk?");
        assertThat(listener.deltas()).startsWith("Hello,", " this", " is", " Priya");
        assertThat(listener.events()).last().isEqualTo(new Complete("stop"));
    }

    @Test
    void greetsPlainlyWithoutAPersona() {
        assertThat(answer(new ChatMessage.System("Be brief.")).text()).isEqualTo("Hello! Is this a good time to talk?");
    }

    @Test
    void saysGoodbyeAndEndsTheCall() {
        RecordingListener listener = answer(conversation("Okay thanks, bye!"));

        assertThat(listener.text()).isEqualTo("Thank you for your time. Goodbye!");
        assertThat(listener.toolCalls()).extracting(ToolCall::name).containsExactly("end_call");
        assertThat(listener.events()).last().isEqualTo(new Complete("tool_calls"));
    }

    @Test
    void marksDoNotCallThenEndsTheCallOnceThatIsDone() throws Exception {
        RecordingListener optOut = answer(conversation("Please stop calling me."));

        ToolCall mark = optOut.toolCalls().getFirst();
        assertThat(mark.name()).isEqualTo("mark_do_not_call");
        assertThat(JSON.readTree(mark.arguments()).path("reason").asText()).isEqualTo("Please stop calling me.");

        RecordingListener after = answer(new ChatMessage.System(PROMPT), new ChatMessage.User("Please stop calling me."),
                new ChatMessage.Assistant(optOut.text(), List.of(mark)), new ChatMessage.ToolResult(mark.id(), "done"));
        assertThat(after.text()).isEqualTo("Goodbye.");
        assertThat(after.toolCalls()).extracting(ToolCall::name).containsExactly("end_call");
    }

    @Test
    void schedulesACallbackAtTheTimeAsked() throws Exception {
        RecordingListener listener = answer(conversation("I'm busy, call me back tomorrow at 5 pm"));

        assertThat(listener.text()).isEqualTo("Sure, I'll call you back tomorrow at 5 pm.");
        ToolCall schedule = listener.toolCalls().getFirst();
        assertThat(schedule.name()).isEqualTo("schedule_callback");
        JsonNode arguments = JSON.readTree(schedule.arguments());
        assertThat(arguments.path("callback_at").asText()).isEqualTo("2025-06-03T17:00:00+05:30");
        assertThat(arguments.path("note").asText()).isEqualTo("I'm busy, call me back tomorrow at 5 pm");
    }

    @Test
    void asksWhenThenSchedulesOnTheAnswer() {
        RecordingListener asked = answer(conversation("Can you call me back later?"));
        assertThat(asked.text()).isEqualTo("Of course. When would be a good time to call you back?");
        assertThat(asked.toolCalls()).isEmpty();

        RecordingListener scheduled = answer(new ChatMessage.System(PROMPT), new ChatMessage.User("Can you call me back later?"),
                new ChatMessage.Assistant(asked.text(), List.of()), new ChatMessage.User("In two hours"));
        assertThat(scheduled.toolCalls()).extracting(ToolCall::name).containsExactly("schedule_callback");
        assertThat(scheduled.toolCalls().getFirst().arguments()).contains("2025-06-02T12:00:00+05:30");
    }

    @Test
    void callsOnlyTheToolsTheRequestOffers() {
        RecordingListener goodbye = answer(List.of(tool("mark_do_not_call")), conversation("bye"));
        assertThat(goodbye.text()).isEqualTo("Thank you for your time. Goodbye!");
        assertThat(goodbye.toolCalls()).isEmpty();
        assertThat(goodbye.events()).last().isEqualTo(new Complete("stop"));

        RecordingListener callback = answer(List.of(), conversation("call me back in an hour"));
        assertThat(callback.toolCalls()).isEmpty();
        assertThat(callback.text()).isEqualTo("Of course, I'll call you back in an hour. Goodbye!");
    }

    @Test
    void saysNothingMoreOnceTheCallIsEnding() {
        ToolCall end = new ToolCall("call_local_2_0", "end_call", "{}");

        RecordingListener listener = answer(new ChatMessage.System(PROMPT), new ChatMessage.User("bye"),
                new ChatMessage.Assistant("Goodbye!", List.of(end)), new ChatMessage.ToolResult(end.id(), "ok"));

        assertThat(listener.events()).containsExactly(new Complete("stop"));
    }

    @Test
    void answersTheScriptedQuestionsAndRepeatsAnythingElse() {
        assertThat(answer(conversation("Who is this?")).text()).isEqualTo("This is Priya from Acme Insurance.");
        assertThat(answer(conversation("Why are you calling me?")).text())
                .isEqualTo("I'm calling on behalf of Acme Insurance to follow up with you. Do you have a minute?");
        assertThat(answer(conversation("No thanks, not interested")).text())
                .isEqualTo("No problem at all. Is there anything else I can help you with?");
        assertThat(answer(conversation("Yes, go ahead")).text()).isEqualTo("Great. What would you like to know?");
        assertThat(answer(conversation("The weather is lovely")).text())
                .isEqualTo("I heard: The weather is lovely. Could you tell me more?");
    }

    @Test
    void theSameConversationGetsTheSameAnswer() {
        RecordingListener first = answer(conversation("bye"));
        RecordingListener second = answer(conversation("bye"));

        assertThat(second.events()).isEqualTo(first.events());
    }

    @Test
    void cancelStopsTheStream() {
        ScriptedDialogueModel paced = new ScriptedDialogueModel(CLOCK, Duration.ofMillis(50));
        RecordingListener listener = new RecordingListener();

        LlmCall call = paced.stream(new LlmRequest("local", List.of(conversation("The weather is lovely")), ALL_TOOLS,
                Optional.empty()), listener);
        await().until(() -> !listener.deltas().isEmpty());
        call.cancel();
        int heard = listener.events().size();

        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> listener.events().size() == heard);
        assertThat(listener.ended()).isFalse();
    }
}
