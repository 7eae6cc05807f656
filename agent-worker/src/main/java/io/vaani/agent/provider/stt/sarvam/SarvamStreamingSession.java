package io.vaani.agent.provider.stt.sarvam;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vaani.agent.net.MessageSocket;
import io.vaani.agent.provider.ProviderException;
import io.vaani.agent.provider.stt.StreamTiming;
import io.vaani.agent.provider.stt.StreamingSttSession;
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
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * One Sarvam streaming session. Sarvam's transcripts carry no times, so an utterance is placed
 * from where its START_SPEECH arrived (or the previous utterance ended) to the audio pushed when
 * its transcript came: what the pipeline's turn metrics need, not word-accurate. Sarvam has no
 * close message on this endpoint: closing flushes and waits for the last transcript.
 */
final class SarvamStreamingSession extends StreamingSttSession {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> RETRYABLE_ERRORS = Set.of("rate_limit", "rate_limit_exceeded_error", "timeout",
            "temporary_unavailable", "internal_server_error");
    static final String PROVIDER = "sarvam";

    private final String apiKey;
    private final URI websocketBase;
    private Duration utteranceStart = Duration.ZERO;
    private Duration lastEnd = Duration.ZERO;

    SarvamStreamingSession(SttOptions options, SttListener listener, HttpClient http, String apiKey, URI websocketBase,
            Duration connectTimeout, StreamTiming timing) {
        super(PROVIDER, options, listener, http, connectTimeout, timing);
        this.apiKey = apiKey;
        this.websocketBase = websocketBase;
    }

    @Override
    protected URI uri() {
        String base = websocketBase.toString().replaceAll("/+$", "");
        return URI.create(base + "/speech-to-text/ws?language-code=" + SarvamLanguages.code(options.language())
                + "&model=" + URLEncoder.encode(options.model(), StandardCharsets.UTF_8)
                + "&sample_rate=" + options.sampleRate() + "&input_audio_codec=pcm_s16le"
                + "&vad_signals=true&flush_signal=true");
    }

    @Override
    protected Map<String, String> headers() {
        return Map.of("api-subscription-key", apiKey);
    }

    @Override
    protected void sendAudio(MessageSocket socket, byte[] pcm) {
        socket.sendText("{\"audio\":{\"data\":\"" + Base64.getEncoder().encodeToString(pcm)
                + "\",\"encoding\":\"audio/wav\",\"sample_rate\":" + options.sampleRate() + "}}");
    }

    @Override
    protected void sendFinalize(MessageSocket socket) {
        socket.sendText("{\"type\":\"flush\"}");
    }

    @Override
    protected void sendCloseRequest(MessageSocket socket) {
        socket.sendText("{\"type\":\"flush\"}");
    }

    @Override
    protected void onMessage(String text) {
        SarvamMessage message;
        try {
            message = SarvamMessage.parse(JSON.readTree(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        switch (message) {
            case SarvamMessage.Data data -> {
                Duration end = pushedAudio();
                Duration start = utteranceStart.compareTo(lastEnd) >= 0 ? utteranceStart : lastEnd;
                lastEnd = end;
                // Sarvam reports no confidence for a transcript.
                emit(new Transcript(data.transcript(), true, 1.0, start, end));
                if (closing()) {
                    streamEnded();
                }
            }
            case SarvamMessage.Event event -> {
                if (event.signal().equals("START_SPEECH")) {
                    utteranceStart = pushedAudio();
                    speechStarted(utteranceStart);
                } else if (event.signal().equals("END_SPEECH")) {
                    utteranceEnded(pushedAudio());
                }
            }
            case SarvamMessage.Error error -> fail(new ProviderException(PROVIDER, 0, RETRYABLE_ERRORS.contains(error.code()),
                    null, error.code() + ": " + error.message(), null));
            case SarvamMessage.Other other -> {
            }
        }
    }
}
