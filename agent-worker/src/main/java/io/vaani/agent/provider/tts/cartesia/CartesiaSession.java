package io.vaani.agent.provider.tts.cartesia;

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

/**
 * One call on Cartesia's websocket. Every sentence of an answer is a generation request on the
 * answer's context with {@code continue: true} (Cartesia keeps the prosody across them); the
 * answer ends with an empty transcript and {@code continue: false}, after which Cartesia sends
 * {@code done}. Barge-in sends {@code cancel} for the open contexts and forgets them.
 */
final class CartesiaSession extends ContextSocketSession {

    /** What stays the same for every request of a context, as Cartesia requires. */
    record Voice(String model, String voiceId, String language, int sampleRate) {
    }

    private final Voice voice;

    CartesiaSession(HttpClient client, URI uri, Map<String, String> headers, Duration connectTimeout, Voice voice, TtsListener listener,
            int sampleRate) {
        super(client, uri, headers, connectTimeout, CartesiaTextToSpeech.PROVIDER, listener, sampleRate);
        this.voice = voice;
        connect();
    }

    @Override
    protected List<String> sentence(String context, String text, boolean opens) {
        // Transcripts of a context are joined verbatim: the space keeps sentences apart.
        return List.of(generation(context, text + " ", true));
    }

    @Override
    protected List<String> answerEnd(String context) {
        return List.of(generation(context, "", false));
    }

    @Override
    protected String cancelling(String context) {
        return JSON.createObjectNode().put("context_id", context).put("cancel", true).toString();
    }

    @Override
    protected String closing() {
        return null;
    }

    private String generation(String context, String transcript, boolean more) {
        ObjectNode request = JSON.createObjectNode().put("model_id", voice.model()).put("transcript", transcript);
        request.putObject("voice").put("mode", "id").put("id", voice.voiceId());
        request.put("language", voice.language()).put("context_id", context);
        request.putObject("output_format").put("container", "raw").put("encoding", "pcm_s16le").put("sample_rate", voice.sampleRate());
        return request.put("continue", more).toString();
    }

    @Override
    protected void onMessage(JsonNode message) {
        String context = message.path("context_id").asText(null);
        switch (message.path("type").asText("")) {
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
            case "error" -> failed(context, error(message));
            default -> {
                // timestamps, phoneme_timestamps, flush_done: nothing the pipeline needs
            }
        }
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
