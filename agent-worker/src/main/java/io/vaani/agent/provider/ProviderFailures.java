package io.vaani.agent.provider;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The rules every provider family shares for turning refusals (HTTP statuses, failed websocket
 * handshakes, close frames, lost connections) into {@link ProviderException}s with the retry
 * advice the pipeline acts on. Provider-specific refinements (quota bodies, x-should-retry, close
 * codes) sit with the provider and start from these.
 */
public final class ProviderFailures {
    private static final int MAX_DETAIL = 500;
    private static final Set<Integer> REFUSING_CLOSE_CODES = Set.of(1002, 1003, 1007, 1008, 1009, 1010);

    private ProviderFailures() {
    }

    /** Timeouts, rate limits and server faults may pass on a retry; other refusals will not. */
    public static boolean retryable(int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    /** An HTTP error answer, retryable by {@link #retryable(int)}. */
    public static ProviderException http(String provider, int status, HttpHeaders headers, String body) {
        return http(provider, status, retryable(status), headers, body);
    }

    /** An HTTP error answer whose retryability the provider judged (a spent balance, say). */
    public static ProviderException http(String provider, int status, boolean retryable, HttpHeaders headers, String body) {
        // The whole body's start, not just its message: the providers' error codes are in it.
        String detail = body == null ? "" : abbreviate(body);
        return new ProviderException(provider, status, retryable, retryAfter(headers).orElse(null),
                "HTTP " + status + (detail.isEmpty() ? "" : ": " + detail), null);
    }

    /** A websocket that could not be opened: the HTTP answer to the upgrade when there was one, else the connection failure. */
    public static ProviderException handshake(String provider, Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof WebSocketHandshakeException refused && refused.getResponse() != null) {
            HttpResponse<?> response = refused.getResponse();
            return http(provider, response.statusCode(), response.headers(), bodyText(response.body()));
        }
        return connection(provider, cause);
    }

    /** The network failed (refused, timed out, reset) before the provider answered: worth another try. */
    public static ProviderException connection(String provider, Throwable failure) {
        Throwable cause = unwrap(failure);
        String what = cause instanceof IOException ? "connection failed: " : "unexpected failure: ";
        return new ProviderException(provider, 0, true, null, what + cause, cause);
    }

    /**
     * A websocket the provider closed unasked. A new connection may cure it unless the code says the
     * request itself was refused: protocol, data, policy (auth, quota), size and extension errors
     * (1002, 1003, 1007–1010) and the application codes 4000–4499. Going away, abnormal closure and
     * server faults (1001, 1006, 1011–1014) are worth a retry, as is any other code.
     */
    public static ProviderException closed(String provider, int code, String reason) {
        return closed(provider, code, reason, !REFUSING_CLOSE_CODES.contains(code) && !(code >= 4000 && code < 4500));
    }

    /** A close whose retryability the provider's own documented codes decide. */
    public static ProviderException closed(String provider, int code, String reason, boolean retryable) {
        return new ProviderException(provider, code, retryable, null,
                "websocket closed with " + code + (reason == null || reason.isBlank() ? "" : " (" + reason + ")"), null);
    }

    /** {@code retry-after-ms}, then {@code Retry-After} in seconds or as an HTTP date. */
    public static Optional<Duration> retryAfter(HttpHeaders headers) {
        return retryAfter(headers, Clock.systemUTC());
    }

    public static Optional<Duration> retryAfter(HttpHeaders headers, Clock clock) {
        if (headers == null) {
            return Optional.empty();
        }
        Optional<Duration> millis = headers.firstValue("retry-after-ms").flatMap(value -> seconds(value, 1_000));
        if (millis.isPresent()) {
            return millis;
        }
        return headers.firstValue("retry-after").flatMap(value -> parseRetryAfter(value, clock));
    }

    /** One {@code Retry-After} value: seconds, or an HTTP date (a past one means now). */
    public static Optional<Duration> parseRetryAfter(String value, Clock clock) {
        return seconds(value, 1).or(() -> httpDate(value, clock));
    }

    /** The body's start: a proxy's page or an unexpected answer is rarely worth more. */
    public static String abbreviate(String body) {
        String text = body.strip();
        return text.length() > MAX_DETAIL ? text.substring(0, MAX_DETAIL) + "..." : text;
    }

    /** The failure behind the future that carried it. */
    public static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static Optional<Duration> seconds(String value, int perSecond) {
        try {
            BigDecimal amount = new BigDecimal(value.trim());
            if (amount.signum() < 0) {
                return Optional.empty();
            }
            return Optional.of(Duration.ofNanos(amount.multiply(BigDecimal.valueOf(1_000_000_000L / perSecond)).longValue()));
        } catch (NumberFormatException notNumber) {
            return Optional.empty();
        }
    }

    private static Optional<Duration> httpDate(String value, Clock clock) {
        try {
            Duration wait = Duration.between(clock.instant(),
                    ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException notDate) {
            return Optional.empty();
        }
    }

    private static String bodyText(Object body) {
        if (body instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return body == null ? "" : body.toString();
    }
}
