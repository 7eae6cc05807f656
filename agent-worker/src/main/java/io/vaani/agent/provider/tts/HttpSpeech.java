package io.vaani.agent.provider.tts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vaani.agent.provider.ProviderException;
import io.vaani.agent.provider.ProviderFailures;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** One speech request over HTTP whose body streams: refusals become {@link ProviderException}s, cancellation aborts the exchange. */
public final class HttpSpeech {
    /** Enough of an error body to read the provider's reason. */
    private static final int ERROR_BODY_LIMIT = 16 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpSpeech() {
    }

    /** A speech request whose body is {@code body} as JSON, with the provider's credentials header. */
    public static HttpRequest jsonPost(URI uri, Duration timeout, String authHeader, String authValue, Object body) {
        String json;
        try {
            json = JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return HttpRequest.newBuilder(uri).timeout(timeout)
                .header(authHeader, authValue)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    /** Sends the request and returns the successful response, its body still streaming. */
    public static HttpResponse<InputStream> send(HttpClient client, HttpRequest request, String provider, Cancellation cancellation)
            throws InterruptedException {
        CompletableFuture<HttpResponse<InputStream>> exchange = client.sendAsync(request, BodyHandlers.ofInputStream());
        cancellation.onCancel(() -> exchange.cancel(true));
        HttpResponse<InputStream> response;
        try {
            response = exchange.get();
        } catch (CancellationException e) {
            throw new ProviderException(provider, 0, false, null, "cancelled", e);
        } catch (ExecutionException e) {
            throw ProviderFailures.connection(provider, e.getCause());
        }
        InputStream body = response.body();
        cancellation.onCancel(() -> closeQuietly(body));
        if (response.statusCode() / 100 != 2) {
            String text;
            try (body) {
                text = new String(body.readNBytes(ERROR_BODY_LIMIT), StandardCharsets.UTF_8);
            } catch (IOException e) {
                text = "";
            }
            // A spent balance is refused like a rate limit, and waiting does not refill it.
            boolean retryable = !text.contains("insufficient_quota") && ProviderFailures.retryable(response.statusCode());
            throw ProviderFailures.http(provider, response.statusCode(), retryable, response.headers(), text);
        }
        return response;
    }

    /** A streaming body of little-endian 16-bit mono PCM at {@code sampleRate}. */
    public static SpeechStream rawPcm(InputStream body, int sampleRate) {
        return new SpeechStream() {
            private final PcmDecoder decoder = new PcmDecoder();
            /** 50 ms at 48 kHz: small pieces go on as soon as they arrive. */
            private final byte[] buffer = new byte[4800];

            @Override
            public int sampleRate() {
                return sampleRate;
            }

            @Override
            public short[] read() throws IOException {
                int count = body.read(buffer);
                return count < 0 ? null : decoder.decode(buffer, 0, count);
            }

            @Override
            public void abort() {
                closeQuietly(body);
            }
        };
    }

    static void closeQuietly(InputStream stream) {
        try {
            stream.close();
        } catch (IOException ignored) {
            // already gone
        }
    }
}
