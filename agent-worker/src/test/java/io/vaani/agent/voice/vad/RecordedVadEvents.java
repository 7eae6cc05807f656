package io.vaani.agent.voice.vad;

import java.util.ArrayList;
import java.util.List;

/** A listener that keeps every event, for the tests to look at. */
final class RecordedVadEvents implements VadListener {
    private final List<VadEvent> events = new ArrayList<>();

    @Override
    public void onVadEvent(VadEvent event) {
        events.add(event);
    }

    List<VadEvent> all() {
        return events;
    }

    <T extends VadEvent> List<T> of(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    List<VadEvent.StartOfSpeech> starts() {
        return of(VadEvent.StartOfSpeech.class);
    }

    List<VadEvent.EndOfSpeech> ends() {
        return of(VadEvent.EndOfSpeech.class);
    }

    List<VadEvent.Inference> inferences() {
        return of(VadEvent.Inference.class);
    }

    /** The transitions only, as "start" and "end" words: the order they came in. */
    List<String> transitions() {
        return events.stream().filter(event -> !(event instanceof VadEvent.Inference))
                .map(event -> event instanceof VadEvent.StartOfSpeech ? "start" : "end").toList();
    }
}
