package io.vaani.agent.provider.stt.cartesia;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vaani.agent.net.MessageSocket;
import io.vaani.agent.provider.ProviderException;
import io.vaani.agent.provider.stt.StreamTiming;
import io.vaani.agent.provider.stt.StreamingSttSession;
import io.vaani.agent.provider.stt.SttAudio;
import io.vaani.agent.provider.stt.SttListener;
import io.vaani.agent.provider.stt.SttOptions;
import io.vaani.agent.provider.stt.Transcript;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * One Cartesia STT stream. Each chunk carries the text since the last final one, so a final
 * transcript stands alone and an interim one is the words of the current stretch so far. Cartesia
 * gives no start times per chunk, so a chunk is placed after the previous final one, spanning its
 * {@code duration}: close enough for turn metrics, not word-accurate.
 */
final class CartesiaSession extends StreamingSttSession {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String PROVIDER = "cartesia";

    private final String apiKey;
    private final URI websocketBase;
    private double finalCursor;

    CartesiaSession(SttOptions options, SttListener listener, HttpClient http, String apiKey, URI websocketBase,
            Duration connectTimeout, StreamTiming timing) {
        super(PROVIDER, options, listener, http, connectTimeout, timing);
        this.apiKey = apiKey;
        this.websocketBase = websocketBase;
    }

    @Override
    protected URI uri() {
        String base = websocketBase.toString().replaceAll("/+$", "");
        return URI.create(base + "/stt/websocket?model=" + URLEncoder.encode(options.model(), StandardCharsets.UTF_8)
                + "&language=" + isoLanguage(options.language()) + "&encoding=pcm_s16le&sample_rate=" + options.sampleRate());
    }

    /** Cartesia takes ISO-639-1 codes: en-US becomes en. */
    static String isoLanguage(String language) {
        int dash = language.indexOf('-');
        return (dash < 0 ? language : language.substring(0, dash)).toLowerCase(Locale.ROOT);
    }

    @Override
    protected Map<String, String> headers() {
        return Map.of("X-API-Key", apiKey, "Cartesia-Version", CartesiaSpeechToText.API_VERSION);
    }

    @Override
    protected void sendAudio(MessageSocket socket, byte[] pcm) {
        socket.sendBinary(pcm);
    }

    @Override
    protected void sendFinalize(MessageSocket socket) {
        socket.sendText("finalize");
    }

    @Override
    protected void sendCloseRequest(MessageSocket socket) {
        socket.sendText("close");
    }

    @Override
    protected void connected() {
        finalCursor = 0;
    }

    @Override
    protected void onMessage(String text) {
        CartesiaEvent event;
        try {
            event = CartesiaEvent.parse(JSON.readTree(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        switch (event) {
            case CartesiaEvent.TranscriptChunk chunk -> transcript(chunk);
            case CartesiaEvent.FlushDone flushDone -> {
            }
            case CartesiaEvent.Done done -> streamEnded();
            case CartesiaEvent.Error error -> fail(new ProviderException(PROVIDER, error.status(),
                    error.status() == 429 || error.status() >= 500, null, error.message(), null));
            case CartesiaEvent.Other other -> {
            }
        }
    }

    private void transcript(CartesiaEvent.TranscriptChunk chunk) {
        if (chunk.text().isBlank() && !chunk.isFinal()) {
            return;
        }
        Duration offset = connectionStart();
        Duration start = offset.plus(SttAudio.seconds(finalCursor));
        Duration end = start.plus(SttAudio.seconds(chunk.duration()));
        if (chunk.isFinal()) {
            finalCursor += chunk.duration();
        }
        // Cartesia reports no confidence; words it finalises are its best reading.
        emit(new Transcript(chunk.text().strip(), chunk.isFinal(), 1.0, start, end));
    }
}
