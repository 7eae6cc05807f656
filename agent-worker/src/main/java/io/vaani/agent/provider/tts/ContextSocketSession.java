package io.vaani.agent.provider.tts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vaani.agent.provider.ProviderException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * A call on a provider's multi-context websocket (ElevenLabs, Cartesia): one connection for the
 * call, each answer a context of its own. Sentences go on the answer's context as they come, the
 * answer's end closes it, and barge-in cancels the open contexts and forgets them, so whatever they
 * still send is dropped. Subclasses write the provider's messages and read its answers into
 * {@link #answers}; they call {@link #connect()} last in their constructor.
 */
public abstract class ContextSocketSession implements TtsSession, ProviderSocket.Events {
    private static final Logger LOG = Logger.getLogger(ContextSocketSession.class);
    protected static final ObjectMapper JSON = new ObjectMapper();

    protected final AnswerContexts answers;
    private final ProviderSocket socket;
    private final String provider;

    protected ContextSocketSession(HttpClient client, URI uri, Map<String, String> headers, Duration connectTimeout, String provider,
            TtsListener listener, int sampleRate) {
        this.provider = provider;
        this.answers = new AnswerContexts(listener, sampleRate);
        this.socket = new ProviderSocket(client, uri, headers, connectTimeout, provider, this);
    }

    /** The messages that speak {@code text} on {@code context}; {@code opens} on an answer's first sentence. */
    protected abstract List<String> sentence(String context, String text, boolean opens);

    /** The messages that end an answer's context once its last sentence was sent. */
    protected abstract List<String> answerEnd(String context);

    /** The message that stops a context's generation. */
    protected abstract String cancelling(String context);

    /** The message that asks the provider to close the socket, or null to close it from this side. */
    protected abstract String closing();

    /** A message from the provider, parsed. */
    protected abstract void onMessage(JsonNode message);

    protected final void connect() {
        socket.connect();
    }

    @Override
    public final void push(String text) {
        if (text == null || text.isBlank()) {
            return;
        }
        synchronized (this) {
            String context = answers.current();
            boolean opens = context == null;
            if (opens) {
                context = answers.begin();
            }
            sentence(context, text.strip(), opens).forEach(socket::send);
        }
    }

    @Override
    public final void flush() {
        synchronized (this) {
            String context = answers.current();
            if (context == null) {
                answers.empty();
                return;
            }
            answers.end();
            answerEnd(context).forEach(socket::send);
        }
    }

    @Override
    public final void cancel() {
        for (String context : answers.cancelAll()) {
            socket.send(cancelling(context));
        }
    }

    @Override
    public final void close() {
        answers.cancelAll();
        socket.close(closing());
    }

    @Override
    public final void onMessage(String text) {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (Exception e) {
            LOG.warnf("unreadable %s message: %s", provider, text);
            return;
        }
        onMessage(message);
    }

    @Override
    public final void onLost(ProviderException error) {
        answers.failAll(error);
    }

    /** A provider error: it ends the answer it names, or every answer when it names none still open. */
    protected final void failed(String context, ProviderException error) {
        if (context != null && answers.isOpen(context)) {
            answers.fail(context, error);
        } else {
            answers.failAll(error);
        }
    }
}
