package io.vaani.agent.provider.llm.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vaani.agent.provider.llm.ChatMessage;
import io.vaani.agent.provider.llm.LlmRequest;
import io.vaani.agent.provider.llm.ToolCall;
import io.vaani.agent.provider.llm.ToolDefinition;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the development model answers, decided from the conversation alone (the same conversation
 * always gets the same answer):
 * <ul>
 * <li>no caller turn yet: a greeting with the agent's name and company taken from the system prompt
 * ("You are Priya ... from Acme Insurance");</li>
 * <li>"stop calling me", "don't call", "remove me": an apology and {@code mark_do_not_call}, then
 * {@code end_call} once that tool answered;</li>
 * <li>"call me back tomorrow at 5 pm" (or a time given after it asked when): {@code schedule_callback},
 * then a goodbye and {@code end_call}; without a time it asks for one;</li>
 * <li>"bye", "that's all": a goodbye and {@code end_call};</li>
 * <li>who is calling, why, yes, not interested: a line each; anything else is repeated back, which
 * shows what speech recognition heard.</li>
 * </ul>
 * It calls only the tools the request offers, filling their string parameters from the schema:
 * time-like ones ({@code format: date-time}, or named *time*, *when*, *date*) with the moment as
 * ISO-8601, the others with the caller's words.
 */
final class DialogueScript {
    static final String END_CALL = "end_call";
    static final String SCHEDULE_CALLBACK = "schedule_callback";
    static final String MARK_DO_NOT_CALL = "mark_do_not_call";

    private static final String ASK_WHEN = "When would be a good time to call you back?";
    private static final Pattern NAME = Pattern.compile("\\b[Yy]ou are ([A-Z][\\p{L}'-]+)");
    private static final Pattern COMPANY = Pattern.compile("\\b(?:from|at|with|for) ((?:[A-Z][\\p{L}&'-]*)(?: [A-Z][\\p{L}&'-]*)*)");
    private static final Pattern OPT_OUT = Pattern.compile("stop calling|don'?t call|do not call|never call|remove me"
            + "|remove my number|take me off|unsubscribe|no more calls");
    private static final Pattern CALLBACK = Pattern.compile("call (?:me )?(?:back|later|again|another time|tomorrow)"
            + "|another time|not a good time|busy right now|i'?m busy");
    private static final Pattern GOODBYE = Pattern.compile("\\b(?:good ?bye|bye|that'?s all|that is all|hang up|have to go|gotta go)\\b");
    private static final Pattern IDENTITY = Pattern.compile("who is this|who are you|who'?s (?:this|calling)|your name");
    private static final Pattern PURPOSE = Pattern.compile("why are you calling|what is this about|what'?s this about"
            + "|what do you want|reason for (?:the|your) call");
    private static final Pattern NOT_INTERESTED = Pattern.compile("not interested|no,? thanks?|no,? thank you");
    private static final Pattern YES = Pattern.compile("^(?:yes|yeah|yep|sure|okay|ok|of course|go ahead)\\b");

    /** The text to say and the tools to call. */
    record Reply(String text, List<ToolCall> toolCalls) {
        String finishReason() {
            return toolCalls.isEmpty() ? "stop" : "tool_calls";
        }
    }

    private final LlmRequest request;
    private final ZonedDateTime now;
    private final ObjectMapper json;
    private final List<ToolCall> calls = new ArrayList<>();

    private DialogueScript(LlmRequest request, ZonedDateTime now, ObjectMapper json) {
        this.request = request;
        this.now = now;
        this.json = json;
    }

    static Reply reply(LlmRequest request, ZonedDateTime now, ObjectMapper json) {
        return new DialogueScript(request, now, json).reply();
    }

    private Reply reply() {
        List<ChatMessage> messages = request.messages();
        ChatMessage last = messages.isEmpty() ? null : messages.getLast();
        String text = switch (last) {
            case ChatMessage.User user -> answer(user.content());
            case ChatMessage.ToolResult result -> afterTool(toolNamed(result.toolCallId()));
            case ChatMessage.Assistant assistant -> "Are you still there?";
            case ChatMessage.System system -> greeting();
            case null -> greeting();
        };
        return new Reply(text, List.copyOf(calls));
    }

    private String greeting() {
        Persona persona = persona();
        String who = persona.name().map(name -> "Hello, this is " + name
                + persona.company().map(company -> " from " + company).orElse("") + ".").orElse("Hello!");
        return who + " Is this a good time to talk?";
    }

    private String answer(String said) {
        String text = said.toLowerCase(Locale.ROOT).replace('’', '\'').strip();
        if (OPT_OUT.matcher(text).find()) {
            call(MARK_DO_NOT_CALL, said, null);
            return "I'm sorry for the trouble. I'll make sure we don't call you again.";
        }
        Optional<CallbackTime> when = CallbackTime.in(said, now);
        boolean askedWhen = lastAssistantText().endsWith(ASK_WHEN);
        if (CALLBACK.matcher(text).find() || (askedWhen && when.isPresent())) {
            if (when.isEmpty()) {
                return "Of course. " + ASK_WHEN;
            }
            if (!call(SCHEDULE_CALLBACK, said, when.get())) {
                return "Of course, I'll call you back " + when.get().phrase() + ". Goodbye!";
            }
            return "Sure, I'll call you back " + when.get().phrase() + ".";
        }
        if (GOODBYE.matcher(text).find()) {
            call(END_CALL, said, null);
            return "Thank you for your time. Goodbye!";
        }
        Persona persona = persona();
        if (IDENTITY.matcher(text).find()) {
            return persona.name().map(name -> "This is " + name).orElse("I'm a virtual assistant")
                    + persona.company().map(company -> " from " + company).orElse("") + ".";
        }
        if (PURPOSE.matcher(text).find()) {
            return "I'm calling" + persona.company().map(company -> " on behalf of " + company).orElse("")
                    + " to follow up with you. Do you have a minute?";
        }
        if (NOT_INTERESTED.matcher(text).find()) {
            return "No problem at all. Is there anything else I can help you with?";
        }
        if (YES.matcher(text).find()) {
            return "Great. What would you like to know?";
        }
        return text.isEmpty() ? "Sorry, I didn't catch that." : "I heard: " + said.strip() + ". Could you tell me more?";
    }

    private String afterTool(String tool) {
        return switch (tool) {
            case END_CALL -> "";
            case SCHEDULE_CALLBACK -> {
                call(END_CALL, "callback scheduled", null);
                yield "Talk to you then. Goodbye!";
            }
            case MARK_DO_NOT_CALL -> {
                call(END_CALL, "asked not to be called", null);
                yield "Goodbye.";
            }
            default -> "All right.";
        };
    }

    /** Adds a call of the tool if the request offers it; returns whether it did. */
    private boolean call(String name, String said, CallbackTime when) {
        Optional<ToolDefinition> tool = request.tools().stream().filter(t -> t.name().equals(name)).findFirst();
        if (tool.isEmpty()) {
            return false;
        }
        ObjectNode arguments = json.createObjectNode();
        JsonNode properties = tool.get().parameters() == null ? null : tool.get().parameters().path("properties");
        if (properties != null) {
            for (Map.Entry<String, JsonNode> property : properties.properties()) {
                if (!property.getValue().path("type").asText("string").equals("string")) {
                    continue;
                }
                String key = property.getKey().toLowerCase(Locale.ROOT);
                boolean timeLike = property.getValue().path("format").asText().equals("date-time")
                        || key.contains("time") || key.contains("when") || key.contains("date");
                if (timeLike && when != null) {
                    arguments.put(property.getKey(), when.at().toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
                } else if (!timeLike) {
                    arguments.put(property.getKey(), said.strip());
                }
            }
        }
        calls.add(new ToolCall("call_local_" + request.messages().size() + "_" + calls.size(), name, arguments.toString()));
        return true;
    }

    private String toolNamed(String callId) {
        for (ChatMessage message : request.messages().reversed()) {
            if (message instanceof ChatMessage.Assistant assistant && assistant.toolCalls() != null) {
                for (ToolCall call : assistant.toolCalls()) {
                    if (call.id().equals(callId)) {
                        return call.name();
                    }
                }
            }
        }
        return "";
    }

    private String lastAssistantText() {
        for (ChatMessage message : request.messages().reversed()) {
            if (message instanceof ChatMessage.Assistant assistant && assistant.content() != null) {
                return assistant.content().strip();
            }
        }
        return "";
    }

    private Persona persona() {
        String prompt = request.messages().stream()
                .filter(ChatMessage.System.class::isInstance)
                .map(message -> ((ChatMessage.System) message).content())
                .findFirst().orElse("");
        Matcher name = NAME.matcher(prompt);
        Matcher company = COMPANY.matcher(prompt);
        return new Persona(name.find() ? Optional.of(name.group(1)) : Optional.empty(),
                company.find() ? Optional.of(company.group(1)) : Optional.empty());
    }

    private record Persona(Optional<String> name, Optional<String> company) {
    }
}
