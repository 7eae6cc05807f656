package io.vaani.agent.provider.stt.deepgram;

import io.vaani.agent.provider.stt.SpeechToText;
import io.vaani.agent.provider.stt.SttListener;
import io.vaani.agent.provider.stt.SttOptions;
import io.vaani.agent.provider.stt.SttSession;
import io.vaani.agent.provider.stt.StreamTiming;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * Deepgram live streaming ({@code wss://api.deepgram.com/v1/listen}): linear16 audio in binary
 * frames, interim and final results, Deepgram's own endpointing and utterance ends.
 *
 * @param websocketBase e.g. {@code wss://api.deepgram.com/v1}; {@code /listen} is appended
 */
public final class DeepgramSpeechToText implements SpeechToText {
    /** Silence after which Deepgram marks a final result speech_final (its default, 10 ms, splits words). */
    static final Duration ENDPOINTING = Duration.ofMillis(300);
    /** Gap between words after which Deepgram sends UtteranceEnd; 1000 ms is its minimum. */
    static final Duration UTTERANCE_END = Duration.ofMillis(1000);

    private final HttpClient http;
    private final String apiKey;
    private final URI websocketBase;
    private final Duration connectTimeout;
    private final StreamTiming timing;

    public DeepgramSpeechToText(HttpClient http, String apiKey, URI websocketBase, Duration connectTimeout, StreamTiming timing) {
        this.http = http;
        this.apiKey = apiKey;
        this.websocketBase = websocketBase;
        this.connectTimeout = connectTimeout;
        this.timing = timing;
    }

    @Override
    public SttSession open(SttOptions options, SttListener listener) {
        return new DeepgramSession(options, listener, http, apiKey, websocketBase, connectTimeout, timing).start();
    }
}
