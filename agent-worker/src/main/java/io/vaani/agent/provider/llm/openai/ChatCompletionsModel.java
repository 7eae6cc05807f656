package io.vaani.agent.provider.llm.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vaani.agent.net.ServerSentEvents;
import io.vaani.agent.provider.ProviderException;
import io.vaani.agent.provider.llm.GuardedListener;
import io.vaani.agent.provider.llm.LanguageModel;
import io.vaani.agent.provider.llm.LlmCall;
import io.vaani.agent.provider.llm.LlmListener;
import io.vaani.agent.provider.llm.LlmRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.jboss.logging.Logger;

/**
 * A chat model behind OpenAI's chat completions API, streamed: {@code POST {base}/chat/completions}
 * with a bearer key and {@code stream: true}, answered by server-sent {@code chat.completion.chunk}s
 * and {@code data: [DONE]}. OpenAI and Groq (whose API is OpenAI's at another base URL) are two
 * configurations of it.
 *
 * <p>Events come on one virtual thread per completion: the text deltas in order, then the tool calls
 * and {@code onComplete} when the finish reason arrives (the usage chunk and [DONE] that follow
 * change nothing the pipeline needs). A stream that ends before its finish reason is a retryable error.
 */
public final class ChatCompletionsModel implements LanguageModel {
    public static final URI OPENAI_BASE_URL = URI.create("https://api.openai.com/v1");
    public static final URI GROQ_BASE_URL = URI.create("https://api.groq.com/openai/v1");

    private static final Logger LOG = Logger.getLogger(ChatCompletionsModel.class);
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final String provider;
    private final HttpClient http;
    private final URI endpoint;
    private final String apiKey;
    private final Duration responseTimeout;
    private final ObjectMapper json = new ObjectMapper();
    private final Clock clock;

    /**
     * @param provider        the name errors carry ("openai", "groq")
     * @param baseUrl         the API's base, up to and including the version ("https://api.openai.com/v1")
     * @param responseTimeout how long to wait for the response's headers; the stream itself may take longer
     */
    public ChatCompletionsModel(String provider, HttpClient http, URI baseUrl, String apiKey, Duration responseTimeout) {
        this(provider, http, baseUrl, apiKey, responseTimeout, Clock.systemUTC());
    }

    ChatCompletionsModel(String provider, HttpClient http, URI baseUrl, String apiKey, Duration responseTimeout, Clock clock) {
        this.provider = provider;
        this.http = http;
        String base = baseUrl.toString();
        this.endpoint = URI.create((base.endsWith("/") ? base : base + "/") + "chat/completions");
        this.apiKey = apiKey;
        this.responseTimeout = responseTimeout;
        this.clock = clock;
    }

    @Override
    public LlmCall stream(LlmRequest request, LlmListener listener) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(ChatCompletionsBody.of(request, json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the request cannot be written as JSON", e);
        }
        HttpRequest post = HttpRequest.newBuilder(endpoint)
                .timeout(responseTimeout)
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        Completion completion = new Completion(new GuardedListener(listener));
        completion.start(post);
        return completion;
    }

    /** One request and its stream, read on a virtual thread of its own. */
    private final class Completion implements LlmCall {
        private final GuardedListener events;
        private volatile CompletableFuture<HttpResponse<InputStream>> response;
        private volatile InputStream stream;
        private volatile Thread reader;

        Completion(GuardedListener events) {
            this.events = events;
        }

        void start(HttpRequest post) {
            response = http.sendAsync(post, HttpResponse.BodyHandlers.ofInputStream());
            reader = Thread.ofVirtual().name(provider + "-completion").start(this::read);
        }

        @Override
        public void cancel() {
            if (!events.stop()) {
                return;
            }
            // Before the headers, cancelling the exchange aborts it; after, closing the body resets
            // the connection so the provider stops generating (and billing) the rest.
            response.cancel(true);
            closeStream();
            reader.interrupt();
        }

        private void read() {
            try {
                HttpResponse<InputStream> answer = response.get();
                stream = answer.body();
                if (events.isStopped()) {
                    closeStream();
                    return;
                }
                if (answer.statusCode() >= 400) {
                    byte[] error = stream.readNBytes(MAX_ERROR_BODY);
                    events.onError(ApiErrors.ofResponse(provider, answer.statusCode(), answer.headers(), error, json, clock));
                    return;
                }
                readStream();
            } catch (InterruptedException | CancellationException e) {
                // cancel(): the listener was silenced before the interruption.
            } catch (ExecutionException e) {
                events.onError(connectionFailed(e.getCause()));
            } catch (JsonProcessingException e) {
                events.onError(new ProviderException(provider, 0, false, null, "a chunk is not JSON: " + e.getOriginalMessage(), e));
            } catch (IOException e) {
                events.onError(new ProviderException(provider, 0, true, null, "the stream broke: " + e.getMessage(), e));
            } catch (RuntimeException e) {
                // The listener itself failed, or a chunk was shaped unlike the API's: this completion is over.
                events.onError(new ProviderException(provider, 0, false, null, "the stream could not be handled: " + e, e));
            } finally {
                closeStream();
            }
        }

        private void readStream() throws IOException {
            StreamedAnswer streamed = new StreamedAnswer(events);
            boolean done = ServerSentEvents.read(stream, event -> {
                if (events.isStopped() && !streamed.finished()) {
                    return false;
                }
                if (event.data().equals("[DONE]")) {
                    return false;
                }
                JsonNode chunk = json.readTree(event.data());
                if (chunk.path("error").isObject() || event.event().equals("error")) {
                    JsonNode error = chunk.path("error").isObject() ? chunk.path("error") : chunk;
                    events.onError(ApiErrors.ofStreamedError(provider, error));
                    return false;
                }
                streamed.accept(chunk);
                return true;
            });
            if (events.isStopped() && !streamed.finished()) {
                return;
            }
            if (!done && !streamed.finished()) {
                events.onError(new ProviderException(provider, 0, true, null,
                        "the stream ended before the answer did (no finish reason, no [DONE])", null));
                return;
            }
            if (!streamed.finished()) {
                // [DONE] without a finish reason: some compatible servers leave it out of a normal end.
                streamed.finish(streamed.hasToolCalls() ? "tool_calls" : "stop");
            }
            if (!done) {
                LOG.debugf("%s: the stream ended after the finish reason but without [DONE]", provider);
            }
            streamed.usage().ifPresent(usage -> LOG.debugf("%s: %d prompt tokens, %d completion tokens", provider,
                    usage.path("prompt_tokens").asInt(), usage.path("completion_tokens").asInt()));
        }

        private ProviderException connectionFailed(Throwable cause) {
            String message = switch (cause) {
                case HttpTimeoutException timeout -> "no response within " + responseTimeout;
                case ConnectException refused -> "cannot connect to " + endpoint.getHost() + ": " + refused.getMessage();
                default -> "the request failed: " + cause;
            };
            return new ProviderException(provider, 0, true, null, message, cause);
        }

        private void closeStream() {
            InputStream body = stream;
            if (body != null) {
                try {
                    body.close();
                } catch (IOException e) {
                    // Closing is how we give up on it; a failure to close changes nothing.
                }
            }
        }
    }
}
