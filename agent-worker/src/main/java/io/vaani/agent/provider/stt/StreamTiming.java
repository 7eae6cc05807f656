package io.vaani.agent.provider.stt;

import java.time.Duration;

/**
 * Timings of a streaming session.
 *
 * @param keepAlive   silence on the wire after which the provider's keep-alive goes out (providers that have one)
 * @param closeGrace  how long {@code close()} waits for the last results after asking the provider to end the stream
 * @param gapBuffer   audio kept while (re)connecting; older audio is dropped beyond it
 */
public record StreamTiming(Duration keepAlive, Duration closeGrace, Duration gapBuffer) {

    /** Deepgram closes a stream after about 10 s without audio or KeepAlive; 4 s leaves room for a slow network. */
    public static final StreamTiming DEFAULT = new StreamTiming(Duration.ofSeconds(4), Duration.ofMillis(1500), Duration.ofSeconds(5));
}
