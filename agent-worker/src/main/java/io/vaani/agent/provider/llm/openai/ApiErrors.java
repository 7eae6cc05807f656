package io.vaani.agent.provider.llm.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vaani.agent.provider.ProviderException;
import io.vaani.agent.provider.ProviderFailures;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the chat completions API's refusals into {@link ProviderException}s: the {@code error}
 * object of the body ({@code message}, {@code type}, {@code code}), whether trying again may work,
 * and how long the rate limiter asked us to wait.
 */
final class ApiErrors {
    /** OpenAI's and Groq's reset headers are Go durations: "1s", "6m0s", "12ms", "2m59.56s". */
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(h|ms|m|s|us|µs|ns)");

    private ApiErrors() {
    }

    static ProviderException ofResponse(String provider, int status, HttpHeaders headers, byte[] body,
            ObjectMapper json, Clock clock) {
        ApiError error = parse(body, json);
        // A conflict may pass on a retry too; a spent balance is refused with 429, and waiting does not refill it.
        boolean quota = "insufficient_quota".equals(error.code()) || "insufficient_quota".equals(error.type());
        boolean retryable = status == 409 || (ProviderFailures.retryable(status) && !(status == 429 && quota));
        // The API may say outright whether a retry makes sense, and then it knows best.
        Optional<String> shouldRetry = headers.firstValue("x-should-retry");
        if (shouldRetry.isPresent()) {
            retryable = Boolean.parseBoolean(shouldRetry.get().trim());
        }
        Duration retryAfter = retryable ? retryAfter(headers, clock).orElse(null) : null;
        return new ProviderException(provider, status, retryable, retryAfter, "HTTP " + status + " " + error, null);
    }

    /** An {@code error} object sent inside an accepted stream (the server failed while generating). */
    static ProviderException ofStreamedError(String provider, JsonNode node) {
        ApiError error = new ApiError(text(node, "message"), text(node, "type"), text(node, "code"));
        // Only a request the API judged invalid would fail the same way again.
        boolean retryable = !"invalid_request_error".equals(error.type());
        return new ProviderException(provider, 0, retryable, null, "error in the stream: " + error, null);
    }

    /**
     * How long to wait: {@code retry-after-ms}, then {@code retry-after} (seconds or an HTTP date),
     * as every provider says it, then the longer of the request and token limits' resets, the one that must have been hit
     * being unknown.
     */
    static Optional<Duration> retryAfter(HttpHeaders headers, Clock clock) {
        Optional<Duration> wait = ProviderFailures.retryAfter(headers, clock);
        if (wait.isPresent()) {
            return wait;
        }
        Optional<Duration> requests = headers.firstValue("x-ratelimit-reset-requests").flatMap(ApiErrors::goDuration);
        Optional<Duration> tokens = headers.firstValue("x-ratelimit-reset-tokens").flatMap(ApiErrors::goDuration);
        if (requests.isPresent() && tokens.isPresent()) {
            return Optional.of(requests.get().compareTo(tokens.get()) >= 0 ? requests.get() : tokens.get());
        }
        return requests.or(() -> tokens);
    }

    static Optional<Duration> goDuration(String value) {
        String text = value.trim();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Matcher part = DURATION_PART.matcher(text);
        BigDecimal nanos = BigDecimal.ZERO;
        int end = 0;
        while (part.find() && part.start() == end) {
            long unit = switch (part.group(2)) {
                case "h" -> 3_600_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "s" -> 1_000_000_000L;
                case "ms" -> 1_000_000L;
                case "us", "µs" -> 1_000L;
                default -> 1L;
            };
            nanos = nanos.add(new BigDecimal(part.group(1)).multiply(BigDecimal.valueOf(unit)));
            end = part.end();
        }
        return end == text.length() ? Optional.of(Duration.ofNanos(nanos.longValue())) : Optional.empty();
    }

    private static ApiError parse(byte[] body, ObjectMapper json) {
        try {
            JsonNode error = json.readTree(body).path("error");
            if (error.isObject()) {
                return new ApiError(text(error, "message"), text(error, "type"), text(error, "code"));
            }
        } catch (IOException e) {
            // Not JSON: a proxy's or load balancer's page; its text is the best message there is.
        }
        return new ApiError(ProviderFailures.abbreviate(new String(body, StandardCharsets.UTF_8)), null, null);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNull() || value.isMissingNode() ? null : value.asText();
    }

    /** The API's error object. */
    record ApiError(String message, String type, String code) {
        @Override
        public String toString() {
            StringBuilder text = new StringBuilder();
            if (type != null) {
                text.append(type);
            }
            if (code != null) {
                text.append(text.isEmpty() ? "" : "/").append(code);
            }
            if (message != null && !message.isEmpty()) {
                text.append(text.isEmpty() ? "" : ": ").append(message);
            }
            return text.toString();
        }
    }
}
