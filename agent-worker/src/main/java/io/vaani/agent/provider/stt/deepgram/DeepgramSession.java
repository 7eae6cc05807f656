package io.vaani.agent.provider.stt.deepgram;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vaani.agent.net.MessageSocket;
import io.vaani.agent.provider.stt.SttAudio;
import io.vaani.agent.provider.stt.SttListener;
import io.vaani.agent.provider.stt.SttOptions;
import io.vaani.agent.provider.stt.StreamTiming;
import io.vaani.agent.provider.stt.StreamingSttSession;
import io.vaani.agent.provider.stt.Transcript;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * One Deepgram live stream; see {@link StreamingSttSession} for connection handling. Deepgram
 * closes with 1008 for audio it cannot decode (DATA-0000, not retryable) and 1011 when it timed
 * out or failed (NET-0000, NET-0001, retryable), the reason in the close frame.
 */
final class DeepgramSession extends StreamingSttSession {
    private static final Logger LOG = Logger.getLogger(DeepgramSession.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String PROVIDER = "deepgram";

    private final String apiKey;
    private final URI websocketBase;

    DeepgramSession(SttOptions options, SttListener listener, HttpClient http, String apiKey, URI websocketBase,
            Duration connectTimeout, StreamTiming timing) {
        super(PROVIDER, options, listener, http, connectTimeout, timing);
        this.apiKey = apiKey;
        this.websocketBase = websocketBase;
    }

    @Override
    protected URI uri() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("model", options.model());
        query.put("language", options.language());
        query.put("encoding", "linear16");
        query.put("sample_rate", Integer.toString(options.sampleRate()));
        query.put("channels", "1");
        query.put("interim_results", "true");
        query.put("punctuate", "true");
        query.put("smart_format", "true");
        query.put("endpointing", Long.toString(DeepgramSpeechToText.ENDPOINTING.toMillis()));
        query.put("vad_events", "true");
        query.put("utterance_end_ms", Long.toString(DeepgramSpeechToText.UTTERANCE_END.toMillis()));
        String base = websocketBase.toString().replaceAll("/+$", "");
        return URI.create(base + "/listen?" + query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&")));
    }

    @Override
    protected Map<String, String> headers() {
        return Map.of("Authorization", "Token " + apiKey);
    }

    @Override
    protected void sendAudio(MessageSocket socket, byte[] pcm) {
        socket.sendBinary(pcm);
    }

    @Override
    protected void sendFinalize(MessageSocket socket) {
        socket.sendText("{\"type\":\"Finalize\"}");
    }

    @Override
    protected void sendCloseRequest(MessageSocket socket) {
        socket.sendText("{\"type\":\"CloseStream\"}");
    }

    @Override
    protected boolean hasKeepAlive() {
        return true;
    }

    @Override
    protected void sendKeepAlive(MessageSocket socket) {
        socket.sendText("{\"type\":\"KeepAlive\"}");
    }

    @Override
    protected void onMessage(String text) {
        DeepgramMessage message;
        try {
            message = DeepgramMessage.parse(JSON.readTree(text));
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
        Duration offset = connectionStart();
        switch (message) {
            case DeepgramMessage.Results results -> {
                // Deepgram answers silence with empty results; an empty final still closes a Finalize.
                if (results.transcript().isEmpty() && !(results.isFinal() && results.fromFinalize())) {
                    return;
                }
                Duration start = offset.plus(SttAudio.seconds(results.start()));
                emit(new Transcript(results.transcript(), results.isFinal(), results.confidence(), start,
                        start.plus(SttAudio.seconds(results.duration()))));
            }
            case DeepgramMessage.SpeechStarted started -> speechStarted(offset.plus(SttAudio.seconds(started.timestamp())));
            case DeepgramMessage.UtteranceEnd end -> utteranceEnded(offset.plus(SttAudio.seconds(end.lastWordEnd())));
            case DeepgramMessage.Metadata metadata ->
                LOG.debugf("deepgram: stream %s done after %.1f s of audio", metadata.requestId(), metadata.duration());
            case DeepgramMessage.Other other -> LOG.debugf("deepgram: message %s ignored", other.type());
        }
    }
}
