package io.vaani.agent.voice;

import com.fasterxml.jackson.databind.JsonNode;
import io.vaani.agent.provider.llm.ChatMessage;
import io.vaani.contracts.messages.CallRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The conversation twice over: as the model reads it, and turn by turn with times and figures for the call record. */
final class TurnLog {
    private final List<ChatMessage> messages = new ArrayList<>();
    private final List<CallRecord.Turn> turns = new ArrayList<>();

    TurnLog(String systemPrompt) {
        messages.add(new ChatMessage.System(systemPrompt));
    }

    void said(CallRecord.Role role, ChatMessage message, String content, boolean interrupted, Instant startedAt, Instant endedAt,
            JsonNode metrics) {
        if (message != null) {
            messages.add(message);
        }
        turns.add(new CallRecord.Turn(turns.size() + 1, role, content, interrupted, startedAt, endedAt, metrics));
    }

    List<ChatMessage> messages() {
        return List.copyOf(messages);
    }

    List<CallRecord.Turn> turns() {
        return List.copyOf(turns);
    }

    /** Turns the callee and the agent actually spoke. */
    int spokenTurns() {
        return (int) turns.stream().filter(t -> t.role() == CallRecord.Role.USER || t.role() == CallRecord.Role.ASSISTANT).count();
    }
}
