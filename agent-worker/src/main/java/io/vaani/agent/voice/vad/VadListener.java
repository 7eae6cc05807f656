package io.vaani.agent.voice.vad;

/** Receives a detector's events on the thread that pushes audio; it must not block that thread for long. */
@FunctionalInterface
public interface VadListener {

    void onVadEvent(VadEvent event);
}
