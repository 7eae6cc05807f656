package io.vaani.agent.provider.tts;

import java.io.IOException;

/** The audio of one synthesized sentence as it arrives: mono samples at the provider's rate. */
public interface SpeechStream {

    int sampleRate();

    /** The next samples, blocking until some arrive; null at the end. */
    short[] read() throws IOException;

    /** Stops the request or process behind the stream; a blocked {@link #read()} ends. Safe to call twice. */
    void abort();
}
