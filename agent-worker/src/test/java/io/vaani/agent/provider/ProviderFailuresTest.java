package io.vaani.agent.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class ProviderFailuresTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-02T10:00:00Z"), ZoneOffset.UTC);

    private static HttpHeaders headers(Map<String, String> values) {
        return HttpHeaders.of(values.entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, entry -> List.of(entry.getValue()))), (name, value) -> true);
    }

    @Test
    void retryAfterIsReadInSecondsOrAsADate() {
        assertThat(ProviderFailures.parseRetryAfter("7", CLOCK)).contains(Duration.ofSeconds(7));
        assertThat(ProviderFailures.parseRetryAfter("1.5", CLOCK)).contains(Duration.ofMillis(1500));
        assertThat(ProviderFailures.parseRetryAfter("Mon, 02 Jun 2025 10:00:30 GMT", CLOCK)).contains(Duration.ofSeconds(30));
        assertThat(ProviderFailures.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", CLOCK)).contains(Duration.ZERO);
        assertThat(ProviderFailures.parseRetryAfter("soon", CLOCK)).isEmpty();
    }

    @Test
    void retryAfterMillisecondsComeFirst() {
        assertThat(ProviderFailures.retryAfter(headers(Map.of("retry-after-ms", "1500", "retry-after", "9")), CLOCK))
                .contains(Duration.ofMillis(1500));
        assertThat(ProviderFailures.retryAfter(headers(Map.of("retry-after-ms", "later", "retry-after", "9")), CLOCK))
                .contains(Duration.ofSeconds(9));
        assertThat(ProviderFailures.retryAfter(null, CLOCK)).isEmpty();
    }

    @Test
    void timeoutsRateLimitsAndServerFaultsMayPassOnARetry() {
        assertThat(List.of(408, 429, 500, 503)).allMatch(ProviderFailures::retryable);
        assertThat(List.of(400, 401, 403, 404, 409, 422)).noneMatch(ProviderFailures::retryable);
    }

    @Test
    void anHttpRefusalCarriesTheReasonAndTheWait() {
        ProviderException error = ProviderFailures.http("sarvam", 429, headers(Map.of("retry-after", "3")),
                "{\"error\":{\"message\":\"slow down\"}}");
        assertThat(error.retryable()).isTrue();
        assertThat(error.retryAfter()).contains(Duration.ofSeconds(3));
        assertThat(error).hasMessage("sarvam: HTTP 429: {\"error\":{\"message\":\"slow down\"}}");
    }

    @Test
    void aLostConnectionIsUnwrappedAndRetryable() {
        IOException reset = new IOException("reset");
        ProviderException error = ProviderFailures.connection("deepgram", new CompletionException(reset));
        assertThat(error.status()).isZero();
        assertThat(error.retryable()).isTrue();
        assertThat(error.getCause()).isSameAs(reset);
    }
}
