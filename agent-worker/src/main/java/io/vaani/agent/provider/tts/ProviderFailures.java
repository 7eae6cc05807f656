package io.vaani.agent.provider.tts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vaani.agent.provider.ProviderException;
import java.net.http.HttpHeaders;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Provider answers that are not audio, as {@link ProviderException}s with the right status, retryability and wait. */
public final class ProviderFailures {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Close codes after which the same request will fail again: protocol, data, policy (auth, quota) and size errors. */
    private static final Set<Integer> FINAL_CLOSE_CODES = Set.of(1002, 1003, 1007, 1008, 1009, 1010);

    private ProviderFailures() {
    }

    /**
     * An HTTP error answer. 408, 429 and 5xx may pass on a retry unless the body says the account
     * is out of credit; Retry-After is read as seconds or as an HTTP date.
     */
    public static ProviderException http(String provider, int status, HttpHeaders headers, String body) {
        String detail = describe(body);
        boolean quota = body != null && body.contains("insufficient_quota");
        boolean retryable = !quota && (status == 408 || status == 429 || status >= 500);
        Duration retryAfter = headers == null ? null : retryAfter(headers.firstValue("retry-after")).orElse(null);
        return new ProviderException(provider, status, retryable, retryAfter, "HTTP " + status + (detail.isEmpty() ? "" : ": " + detail), null);
    }

    /** The connection failed, timed out or dropped before the provider answered. */
    public static ProviderException connection(String provider, Throwable cause) {
        Throwable root = unwrap(cause);
        return new ProviderException(provider, 0, true, null, "connection failed: " + root, root);
    }

    /** A websocket that could not be opened: the handshake's HTTP status when there was one. */
    public static ProviderException handshake(String provider, Throwable failure) {
        Throwable root = unwrap(failure);
        if (root instanceof WebSocketHandshakeException handshake && handshake.getResponse() != null) {
            var response = handshake.getResponse();
            Object body = response.body();
            String text = body instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                    : body == null ? "" : body.toString();
            return http(provider, response.statusCode(), response.headers(), text);
        }
        return connection(provider, root);
    }

    /** A websocket the provider closed (or that dropped, 1006) while speech was still expected. */
    public static ProviderException closed(String provider, int code, String reason) {
        boolean retryable = !FINAL_CLOSE_CODES.contains(code) && !(code >= 4000 && code < 4500);
        return new ProviderException(provider, code, retryable, null,
                "websocket closed " + code + (reason == null || reason.isBlank() ? "" : ": " + reason), null);
    }

    /** A short human-readable reason from a provider's JSON error body, or the body's start. */
    static String describe(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        try {
            JsonNode node = JSON.readTree(body);
            for (String path : new String[] {"/error/message", "/message", "/err_msg", "/detail/message", "/detail", "/error", "/title"}) {
                JsonNode value = node.at(path);
                if (value.isTextual() && !value.asText().isBlank()) {
                    return value.asText();
                }
            }
        } catch (Exception notJson) {
            // fall through to the raw text
        }
        String text = body.strip();
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    static Optional<Duration> retryAfter(Optional<String> header) {
        return header.map(String::strip).flatMap(value -> {
            try {
                return Optional.of(Duration.ofMillis((long) (Double.parseDouble(value) * 1000)));
            } catch (NumberFormatException notSeconds) {
                try {
                    ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                    Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
                    return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
                } catch (DateTimeParseException unreadable) {
                    return Optional.empty();
                }
            }
        });
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable root = failure;
        while ((root instanceof CompletionException || root instanceof ExecutionException)
                && root.getCause() != null) {
            root = root.getCause();
        }
        return root;
    }
}
