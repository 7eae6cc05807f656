package io.vaani.agent.provider.tts.elevenlabs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vaani.agent.provider.ProviderException;
import io.vaani.agent.provider.tts.ContextSocketSession;
import io.vaani.agent.provider.tts.TtsListener;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One call on the multi-context socket. An answer is a context: opened with {@code {"text": " "}},
 * each pushed sentence sent with {@code flush: true} (generate now rather than wait for more text),
 * and at the answer's end flushed and closed, upon which ElevenLabs sends {@code isFinal} for it.
 * Barge-in closes the open contexts and forgets them: whatever they still send is dropped.
 */
final class ElevenLabsSession extends ContextSocketSession {
    /** Error names after which the same request fails again. */
    private static final Set<String> FINAL_ERRORS = Set.of("invalid_api_key", "unauthorized", "quota_exceeded", "voice_not_found",
            "model_not_found", "invalid_request", "payment_required");

    private final int providerRate;

    ElevenLabsSession(HttpClient client, URI uri, Map<String, String> headers, Duration connectTimeout, int providerRate,
            TtsListener listener, int sampleRate) {
        super(client, uri, headers, connectTimeout, ElevenLabsTextToSpeech.PROVIDER, listener, sampleRate);
        this.providerRate = providerRate;
        connect();
    }

    @Override
    protected List<String> sentence(String context, String text, boolean opens) {
        // ElevenLabs joins the pieces as sent: each ends with a space.
        String words = message(context).put("text", text + " ").put("flush", true).toString();
        return opens ? List.of(message(context).put("text", " ").toString(), words) : List.of(words);
    }

    @Override
    protected List<String> answerEnd(String context) {
        return List.of(message(context).put("flush", true).toString(), message(context).put("close_context", true).toString());
    }

    @Override
    protected String cancelling(String context) {
        return message(context).put("close_context", true).toString();
    }

    @Override
    protected String closing() {
        return JSON.createObjectNode().put("close_socket", true).toString();
    }

    @Override
    protected void onMessage(JsonNode message) {
        String context = firstText(message, "contextId", "context_id");
        String audio = firstText(message, "audio");
        if (message.hasNonNull("error") || (message.hasNonNull("message") && audio == null)) {
            failed(context, error(message));
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
