package io.vaani.agent.provider.stt.sarvam;

import io.vaani.agent.provider.stt.SpeechToText;
import io.vaani.agent.provider.stt.StreamTiming;
import io.vaani.agent.provider.stt.SttListener;
import io.vaani.agent.provider.stt.SttOptions;
import io.vaani.agent.provider.stt.SttSession;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * Sarvam's streaming STT, the generally available {@code wss://api.sarvam.ai/speech-to-text/ws}
 * (models saarika:v2.5, saaras:v3): base64 PCM in JSON messages, Sarvam's voice detection events,
 * one final transcript per utterance, {@code flush} to finish an utterance at once.
 *
 * @param websocketBase e.g. {@code wss://api.sarvam.ai}; {@code /speech-to-text/ws} is appended
 */
public final class SarvamStreamingSpeechToText implements SpeechToText {
    private final HttpClient http;
    private final String apiKey;
    private final URI websocketBase;
    private final Duration connectTimeout;
    private final StreamTiming timing;

    public SarvamStreamingSpeechToText(HttpClient http, String apiKey, URI websocketBase, Duration connectTimeout, StreamTiming timing) {
        this.http = http;
        this.apiKey = apiKey;
        this.websocketBase = websocketBase;
        this.connectTimeout = connectTimeout;
        this.timing = timing;
    }

    @Override
    public SttSession open(SttOptions options, SttListener listener) {
        return new SarvamStreamingSession(options, listener, http, apiKey, websocketBase, connectTimeout, timing).start();
    }
}
