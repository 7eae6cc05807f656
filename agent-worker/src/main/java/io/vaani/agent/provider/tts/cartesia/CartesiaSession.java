package io.vaani.agent.provider.tts.cartesia;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vaani.agent.provider.ProviderException;
import io.vaani.agent.provider.tts.AnswerContexts;
import io.vaani.agent.provider.tts.ProviderSocket;
import io.vaani.agent.provider.tts.TtsListener;
import io.vaani.agent.provider.tts.TtsSession;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * One call on Cartesia's websocket. Every sentence of an answer is a generation request on the
 * answer's context with {@code continue: true} (Cartesia keeps the prosody across them); the
 * answer ends with an empty transcript and {@code continue: false}, after which Cartesia sends
 * {@code done}. Barge-in sends {@code cancel} for the open contexts and forgets them.
 */
final class CartesiaSession implements TtsSession, ProviderSocket.Events {
    private static final Logger LOG = Logger.getLogger(CartesiaSession.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What stays the same for every request of a context, as Cartesia requires. */
    record Voice(String model, String voiceId, String language, int sampleRate) {
    }

    private final ProviderSocket socket;
    private final AnswerContexts answers;
    private final Voice voice;

    CartesiaSession(HttpClient client, URI uri, Map<String, String> headers, Duration connectTimeout, Voice voice, TtsListener listener,
            int sampleRate) {
        this.voice = voice;
        this.answers = new AnswerContexts(listener, sampleRate);
        this.socket = new ProviderSocket(client, uri, headers, connectTimeout, CartesiaTextToSpeech.PROVIDER, this);
        socket.connect();
    }

    @Override
    public void push(String text) {
        if (text == null || text.isBlank()) {
            return;
        }
        synchronized (this) {
            String context = answers.current();
            if (context == null) {
                context = answers.begin();
            }
            // Transcripts of a context are joined verbatim: the space keeps sentences apart.
            socket.send(generation(context, text.strip() + " ", true));
        }
    }

    @Override
    public void flush() {
        synchronized (this) {
            String context = answers.current();
            if (context == null) {
                answers.empty();
                return;
            }
            answers.end();
            socket.send(generation(context, "", false));
        }
    }

    @Override
    public void cancel() {
        for (String context : answers.cancelAll()) {
            socket.send(JSON.createObjectNode().put("context_id", context).put("cancel", true).toString());
        }
    }

    @Override
    public void close() {
        answers.cancelAll();
        socket.close(null);
    }

    private String generation(String context, String transcript, boolean more) {
        ObjectNode request = JSON.createObjectNode().put("model_id", voice.model()).put("transcript", transcript);
        request.putObject("voice").put("mode", "id").put("id", voice.voiceId());
        request.put("language", voice.language()).put("context_id", context);
        request.putObject("output_format").put("container", "raw").put("encoding", "pcm_s16le").put("sample_rate", voice.sampleRate());
        return request.put("continue", more).toString();
    }

    @Override
    public void onMessage(String text) {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (Exception e) {
            LOG.warnf("unreadable Cartesia message: %s", text);
            return;
        }
        String context = message.path("context_id").asText(null);
        String type = message.path("type").asText("");
        switch (type) {
            case "chunk" -> {
                if (context != null && message.hasNonNull("data")) {
                    answers.audio(context, Base64.getDecoder().decode(message.get("data").asText()), voice.sampleRate());
                }
            }
            case "done" -> {
                if (context != null) {
                    answers.done(context);
                }
            }
            case "error" -> {
                ProviderException error = error(message);
                if (context != null && answers.isOpen(context)) {
                    answers.fail(context, error);
                } else {
                    answers.failAll(error);
                }
            }
            default -> {
                // timestamps, phoneme_timestamps, flush_done: nothing the pipeline needs
            }
        }
    }

    @Override
    public void onLost(ProviderException error) {
        answers.failAll(error);
    }

    /** Cartesia's errors carry an HTTP-like status_code; older ones say {@code error}, newer {@code title} and {@code message}. */
    private static ProviderException error(JsonNode message) {
        int status = message.path("status_code").asInt(0);
        String detail = message.hasNonNull("message") ? message.path("title").asText("") + " " + message.get("message").asText()
                : message.path("error").asText("error");
        boolean retryable = status == 0 || status == 408 || status == 429 || status >= 500;
        return new ProviderException(CartesiaTextToSpeech.PROVIDER, status, retryable, null, detail.strip(), null);
    }
}
