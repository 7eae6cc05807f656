package io.vaani.agent.provider.stt;

import io.vaani.agent.provider.ProviderException;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Turns what the providers answer when they refuse (HTTP statuses, failed websocket handshakes,
 * close frames, lost connections) into {@link ProviderException}s with the retry advice the
 * pipeline acts on: rate limits, timeouts, 5xx and dropped connections may work later; bad
 * requests and bad keys will not.
 */
public final class ProviderFailures {
    private static final int MAX_BODY = 500;

    private ProviderFailures() {
    }

    public static ProviderException http(String provider, int status, HttpHeaders headers, String body) {
        boolean retryable = status == 408 || status == 429 || status >= 500;
        return new ProviderException(provider, status, retryable, retryAfter(headers).orElse(null),
                "HTTP " + status + (body == null || body.isBlank() ? "" : ": " + abbreviate(body)), null);
    }

    /** A websocket that could not be opened: the HTTP answer to the upgrade when there was one, else the connection failure. */
    public static ProviderException handshake(String provider, Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof WebSocketHandshakeException refused) {
            HttpResponse<?> response = refused.getResponse();
            return http(provider, response.statusCode(), response.headers(), bodyText(response.body()));
        }
        return connection(provider, cause);
    }

    /** The network failed (refused, timed out, reset): worth another try. */
    public static ProviderException connection(String provider, Throwable failure) {
        Throwable cause = unwrap(failure);
        String what = cause instanceof IOException ? "connection failed: " : "unexpected failure: ";
        return new ProviderException(provider, 0, true, null, what + cause, cause);
    }

    /**
     * A websocket the provider closed with an error code. Server faults (1011 internal error,
     * 1012 restart, 1013 try again later, 1014 bad gateway), going away (1001) and abnormal
     * closure (1006) may work on a new connection; the rest (1008 policy, 1003 unsupported data,
     * 4xxx application codes) will not.
     */
    public static ProviderException closed(String provider, int code, String reason) {
        boolean retryable = code == 1001 || code == 1006 || (code >= 1011 && code <= 1014);
        return new ProviderException(provider, code, retryable, null,
                "websocket closed with " + code + (reason == null || reason.isBlank() ? "" : " (" + reason + ")"), null);
    }

    /** Retry-After in seconds or as an HTTP date, or OpenAI's retry-after-ms. */
    public static Optional<Duration> retryAfter(HttpHeaders headers) {
        if (headers == null) {
            return Optional.empty();
        }
        Optional<String> millis = headers.firstValue("retry-after-ms");
        if (millis.isPresent()) {
            try {
                return Optional.of(Duration.ofMillis(Math.round(Double.parseDouble(millis.get().trim()))));
            } catch (NumberFormatException ignored) {
                // fall back to Retry-After
            }
        }
        return headers.firstValue("retry-after").flatMap(ProviderFailures::parseRetryAfter);
    }

    static Optional<Duration> parseRetryAfter(String value) {
        String trimmed = value.trim();
        try {
            return Optional.of(Duration.ofMillis(Math.round(Double.parseDouble(trimmed) * 1000)));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME));
                return Optional.of(until.isNegative() ? Duration.ZERO : until);
            } catch (RuntimeException notDate) {
                return Optional.empty();
            }
        }
    }

    private static String bodyText(Object body) {
        if (body instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return body == null ? "" : body.toString();
    }

    private static String abbreviate(String body) {
        String flat = body.strip();
        return flat.length() <= MAX_BODY ? flat : flat.substring(0, MAX_BODY) + "...";
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
