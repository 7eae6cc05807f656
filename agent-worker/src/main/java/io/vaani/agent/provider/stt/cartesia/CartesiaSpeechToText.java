package io.vaani.agent.provider.stt.cartesia;

import io.vaani.agent.provider.stt.SpeechToText;
import io.vaani.agent.provider.stt.StreamTiming;
import io.vaani.agent.provider.stt.SttListener;
import io.vaani.agent.provider.stt.SttOptions;
import io.vaani.agent.provider.stt.SttSession;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * Cartesia's streaming STT ({@code wss://api.cartesia.ai/stt/websocket}, model e.g. ink-whisper):
 * pcm_s16le audio in binary frames, transcript chunks with is_final, {@code finalize} at the end
 * of an utterance and {@code close} at the end of the call.
 *
 * @param websocketBase e.g. {@code wss://api.cartesia.ai}; {@code /stt/websocket} is appended
 */
public final class CartesiaSpeechToText implements SpeechToText {
    /** The API version this client speaks (Cartesia dates its versions). */
    static final String API_VERSION = "2025-04-16";

    private final HttpClient http;
    private final String apiKey;
    private final URI websocketBase;
    private final Duration connectTimeout;
    private final StreamTiming timing;

    public CartesiaSpeechToText(HttpClient http, String apiKey, URI websocketBase, Duration connectTimeout, StreamTiming timing) {
        this.http = http;
        this.apiKey = apiKey;
        this.websocketBase = websocketBase;
        this.connectTimeout = connectTimeout;
        this.timing = timing;
    }

    @Override
    public SttSession open(SttOptions options, SttListener listener) {
        return new CartesiaSession(options, listener, http, apiKey, websocketBase, connectTimeout, timing).start();
    }
}
