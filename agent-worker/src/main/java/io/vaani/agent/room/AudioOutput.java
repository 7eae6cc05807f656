package io.vaani.agent.room;

import io.vaani.agent.audio.AudioFrame;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** A published microphone track: PCM written here is sent in real time, 10 ms at a time. */
public interface AudioOutput {

    /** Queues the audio (any rate; resampled to the track's); ignored once the room is closed. */
    void write(AudioFrame frame);

    /** Drops everything queued but not yet sent (barge-in) and returns how much that was. */
    Duration clear();

    /** Audio written and actually sent since publication, not counting the silence sent while idle. */
    Duration played();

    /** Audio queued and not yet sent. */
    Duration queued();

    /** Completes once the queue is empty: at once if it is, else when the last queued 10 ms are sent or cleared. */
    CompletableFuture<Void> drained();

    /**
     * Hands each 10 ms of audio over as it is sent (the idle silence excepted): what the callee
     * actually hears, for recordings. Called on the shared pacer thread, so it must only hand over.
     */
    void tap(Consumer<AudioFrame> sent);

    /** The server's sid of the track, for transcripts of what the agent says. */
    String trackSid();

    int sampleRate();
}
