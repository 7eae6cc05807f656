package io.vaani.agent.provider.tts.elevenlabs;

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
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * One call on the multi-context socket. An answer is a context: opened with {@code {"text": " "}},
 * each pushed sentence sent with {@code flush: true} (generate now rather than wait for more text),
 * and at the answer's end flushed and closed, upon which ElevenLabs sends {@code isFinal} for it.
 * Barge-in closes the open contexts and forgets them: whatever they still send is dropped.
 */
final class ElevenLabsSession implements TtsSession, ProviderSocket.Events {
    private static final Logger LOG = Logger.getLogger(ElevenLabsSession.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Error names after which the same request fails again. */
    private static final Set<String> FINAL_ERRORS = Set.of("invalid_api_key", "unauthorized", "quota_exceeded", "voice_not_found",
            "model_not_found", "invalid_request", "payment_required");

    private final ProviderSocket socket;
    private final AnswerContexts answers;
    private final int providerRate;

    ElevenLabsSession(HttpClient client, URI uri, Map<String, String> headers, Duration connectTimeout, int providerRate,
            TtsListener listener, int sampleRate) {
        this.providerRate = providerRate;
        this.answers = new AnswerContexts(listener, sampleRate);
        this.socket = new ProviderSocket(client, uri, headers, connectTimeout, ElevenLabsTextToSpeech.PROVIDER, this);
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
                socket.send(message(context).put("text", " ").toString());
            }
            // ElevenLabs joins the pieces as sent: each ends with a space.
            socket.send(message(context).put("text", text.strip() + " ").put("flush", true).toString());
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
            socket.send(message(context).put("flush", true).toString());
            socket.send(message(context).put("close_context", true).toString());
        }
    }

    @Override
    public void cancel() {
        for (String context : answers.cancelAll()) {
            socket.send(message(context).put("close_context", true).toString());
        }
    }

    @Override
    public void close() {
        answers.cancelAll();
        socket.close(JSON.createObjectNode().put("close_socket", true).toString());
    }

    @Override
    public void onMessage(String text) {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (Exception e) {
            LOG.warnf("unreadable ElevenLabs message: %s", text);
            return;
        }
        String context = firstText(message, "contextId", "context_id");
        String audio = firstText(message, "audio");
        if (message.hasNonNull("error") || (message.hasNonNull("message") && audio == null)) {
            ProviderException error = error(message);
            if (context != null && answers.isOpen(context)) {
                answers.fail(context, error);
            } else {
                answers.failAll(error);
            }
            return;
        }
        if (context == null) {
            return;
        }
        if (audio != null && !audio.isEmpty()) {
            answers.audio(context, Base64.getDecoder().decode(audio), providerRate);
        }
        if (message.path("isFinal").asBoolean(false) || message.path("is_final").asBoolean(false)) {
            answers.done(context);
        }
    }

    @Override
    public void onLost(ProviderException error) {
        answers.failAll(error);
    }

    private static ProviderException error(JsonNode message) {
        String name = firstText(message, "error");
        String detail = firstText(message, "message");
        int code = message.path("code").asInt(0);
        boolean retryable = code != 1008 && (name == null || !FINAL_ERRORS.contains(name));
        return new ProviderException(ElevenLabsTextToSpeech.PROVIDER, code, retryable, null,
                (name == null ? "error" : name) + (detail == null ? "" : ": " + detail), null);
    }

    private static ObjectNode message(String context) {
        return JSON.createObjectNode().put("context_id", context);
    }

    private static String firstText(JsonNode message, String... names) {
        for (String name : names) {
            JsonNode value = message.get(name);
            if (value != null && value.isTextual()) {
                return value.asText();
            }
        }
        return null;
    }
}
