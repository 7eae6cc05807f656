package io.vaani.agent.provider.tts;

/**
 * One call's speech. The pipeline pushes an answer's text sentence by sentence and flushes at the
 * answer's end; audio comes back in order, resampled to the session's rate.
 */
public interface TtsSession extends AutoCloseable {

    /** More text of the current answer (a sentence or more). */
    void push(String text);

    /** The current answer's text is complete: speak the rest; {@link TtsListener#onDone} follows its last audio. */
    void flush();

    /** Barge-in: stop generating the current answer and drop audio not yet delivered. The session stays usable. */
    void cancel();

    @Override
    void close();
}
