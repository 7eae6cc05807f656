package io.vaani.agent.provider;

import java.time.Duration;
import java.util.Optional;

/**
 * A provider refused or failed a request: which provider, the HTTP or websocket status when there
 * was one, whether trying again may work (rate limits, 5xx, dropped connections) and how long the
 * provider asked us to wait.
 */
public class ProviderException extends RuntimeException {
    private final String provider;
    private final int status;
    private final boolean retryable;
    private final Duration retryAfter;

    public ProviderException(String provider, int status, boolean retryable, Duration retryAfter, String message, Throwable cause) {
        super(provider + ": " + message, cause);
        this.provider = provider;
        this.status = status;
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    public String provider() {
        return provider;
    }

    /** HTTP status, websocket close code, or 0 when the connection itself failed. */
    public int status() {
        return status;
    }

    public boolean retryable() {
        return retryable;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
