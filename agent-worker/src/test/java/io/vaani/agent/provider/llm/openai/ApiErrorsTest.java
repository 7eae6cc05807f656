package io.vaani.agent.provider.llm.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vaani.agent.provider.ProviderException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiErrorsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-02T10:00:00Z"), ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static HttpHeaders headers(Map<String, String> values) {
        Map<String, List<String>> multi = new java.util.HashMap<>();
        values.forEach((name, value) -> multi.put(name, List.of(value)));
        return HttpHeaders.of(multi, (name, value) -> true);
    }

    private static ProviderException error(int status, Map<String, String> headers, String body) {
        return ApiErrors.ofResponse("openai", status, headers(headers), body.getBytes(StandardCharsets.UTF_8), JSON, CLOCK);
    }

    @Test
    void readsGoDurations() {
        assertThat(ApiErrors.goDuration("1s")).contains(Duration.ofSeconds(1));
        assertThat(ApiErrors.goDuration("12ms")).contains(Duration.ofMillis(12));
        assertThat(ApiErrors.goDuration("6m0s")).contains(Duration.ofMinutes(6));
        assertThat(ApiErrors.goDuration("2m59.56s")).contains(Duration.ofMillis(179_560));
        assertThat(ApiErrors.goDuration("1h2m3s")).contains(Duration.ofSeconds(3723));
        assertThat(ApiErrors.goDuration("soon")).isEmpty();
        assertThat(ApiErrors.goDuration("5s later")).isEmpty();
    }

    @Test
    void prefersRetryAfterMsThenRetryAfterThenTheResets() {
        assertThat(ApiErrors.retryAfter(headers(Map.of("retry-after-ms", "1500", "retry-after", "9")), CLOCK))
                .contains(Duration.ofMillis(1500));
        assertThat(ApiErrors.retryAfter(headers(Map.of("retry-after", "9", "x-ratelimit-reset-requests", "1m")), CLOCK))
                .contains(Duration.ofSeconds(9));
        assertThat(ApiErrors.retryAfter(headers(Map.of("x-ratelimit-reset-tokens", "7.66s")), CLOCK))
                .contains(Duration.ofMillis(7660));
        assertThat(ApiErrors.retryAfter(headers(Map.of()), CLOCK)).isEmpty();
    }

    @Test
    void readsRetryAfterAsAnHttpDate() {
        assertThat(ApiErrors.retryAfter(headers(Map.of("retry-after", "Mon, 02 Jun 2025 10:00:30 GMT")), CLOCK))
                .contains(Duration.ofSeconds(30));
    }

    @Test
    void theApiMaySayWhetherToRetry() {
        assertThat(error(400, Map.of("x-should-retry", "true"), "{}").retryable()).isTrue();
        assertThat(error(503, Map.of("x-should-retry", "false"), "{}").retryable()).isFalse();
    }

    @Test
    void timeoutsAndConflictsAreRetryableOtherClientErrorsAreNot() {
        assertThat(error(408, Map.of(), "{}").retryable()).isTrue();
        assertThat(error(409, Map.of(), "{}").retryable()).isTrue();
        assertThat(error(403, Map.of(), "{}").retryable()).isFalse();
        assertThat(error(404, Map.of(), "{}").retryable()).isFalse();
        assertThat(error(502, Map.of(), "{}").retryable()).isTrue();
    }

    @Test
    void aBodyThatIsNotTheApisErrorIsQuoted() {
        ProviderException error = error(502, Map.of("retry-after", "3"), "<html>Bad Gateway</html>");

        assertThat(error.getMessage()).isEqualTo("openai: HTTP 502 <html>Bad Gateway</html>");
        assertThat(error.retryAfter()).contains(Duration.ofSeconds(3));
    }

    @Test
    void anErrorStreamedByTheApiIsRetryableUnlessTheRequestWasInvalid() {
        assertThat(ApiErrors.ofStreamedError("groq", JSON.createObjectNode().put("type", "server_error").put("message", "x"))
                .retryable()).isTrue();
        assertThat(ApiErrors.ofStreamedError("groq", JSON.createObjectNode().put("type", "invalid_request_error")
                .put("code", "tool_use_failed").put("message", "Failed to call a function.")).retryable()).isFalse();
    }

    @Test
    void keepsNoWaitForAnErrorNotWorthRetrying() {
        assertThat(error(401, Map.of("retry-after", "5"), "{\"error\":{\"message\":\"no\",\"type\":\"invalid_request_error\"}}")
                .retryAfter()).isEqualTo(Optional.empty());
    }
}
