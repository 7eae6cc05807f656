package io.vaani.agent.provider.llm;

import io.vaani.agent.provider.ProviderException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps a completion's events in the order heard. */
public final class RecordingListener implements LlmListener {

    public sealed interface Event {
    }

    public record Text(String delta) implements Event {
    }

    public record Call(ToolCall call) implements Event {
    }

    public record Complete(String finishReason) implements Event {
    }

    public record Error(ProviderException error) implements Event {
    }

    private final List<Event> events = new CopyOnWriteArrayList<>();

    @Override
    public void onText(String delta) {
        events.add(new Text(delta));
    }

    @Override
    public void onToolCall(ToolCall call) {
        events.add(new Call(call));
    }

    @Override
    public void onComplete(String finishReason) {
        events.add(new Complete(finishReason));
    }

    @Override
    public void onError(ProviderException error) {
        events.add(new Error(error));
    }

    public List<Event> events() {
        return List.copyOf(events);
    }

    /** Whether it completed or failed. */
    public boolean ended() {
        return events.stream().anyMatch(event -> event instanceof Complete || event instanceof Error);
    }

    public String text() {
        StringBuilder text = new StringBuilder();
        events.forEach(event -> {
            if (event instanceof Text(String delta)) {
                text.append(delta);
            }
        });
        return text.toString();
    }

    public List<String> deltas() {
        List<String> deltas = new ArrayList<>();
        events.forEach(event -> {
            if (event instanceof Text(String delta)) {
                deltas.add(delta);
            }
        });
        return deltas;
    }

    public List<ToolCall> toolCalls() {
        List<ToolCall> calls = new ArrayList<>();
        events.forEach(event -> {
            if (event instanceof Call(ToolCall call)) {
                calls.add(call);
            }
        });
        return calls;
    }

    public Optional<ProviderException> error() {
        return events.stream().filter(Error.class::isInstance).map(event -> ((Error) event).error()).findFirst();
    }
}
