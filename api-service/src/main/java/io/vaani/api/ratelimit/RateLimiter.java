package io.vaani.api.ratelimit;

import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vaani.api.auth.Caller;
import io.vaani.api.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Requests per minute and API key, shared by every api-service replica through Redis. The
 * generic cell rate algorithm: one key per API key holds the theoretical arrival time of the next
 * request; a key may spend its whole minute's allowance at once, then one request every
 * 60/limit seconds. One atomic script per request, and the key expires once the allowance is whole again.
 */
@ApplicationScoped
public class RateLimiter {
    /** KEYS[1] the key's cell; ARGV[1] ms between requests; ARGV[2] ms of burst. Returns 0, or ms to wait. */
    private static final String GCRA = """
            local now = redis.call('TIME')
            local ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
            local interval = tonumber(ARGV[1])
            local burst = tonumber(ARGV[2])
            local tat = tonumber(redis.call('GET', KEYS[1]) or ms)
            if tat < ms then tat = ms end
            local next = tat + interval
            if next - ms > burst then
                return next - ms - burst
            end
            redis.call('SET', KEYS[1], next, 'PX', next - ms)
            return 0
            """;

    private final ReactiveRedisDataSource redis;

    RateLimiter(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    /**
     * Fails with 429 and the time to wait when the key has spent its allowance. Without Redis the
     * request passes: an outage of the limiter must not become an outage of the API.
     */
    public Uni<Void> acquire(Caller.KeyUse key) {
        long interval = Math.max(1, 60_000L / key.perMinute());
        long burst = interval * key.perMinute();
        return redis.execute("EVAL", GCRA, "1", "vaani:ratelimit:" + key.keyId(), String.valueOf(interval), String.valueOf(burst))
                .map(wait -> wait.toLong())
                .onFailure().recoverWithItem(e -> {
                    Log.warnf("rate limit of API key %s not checked: %s", key.keyId(), e.toString());
                    return 0L;
                })
                .chain(wait -> wait == 0 ? Uni.createFrom().voidItem()
                        : Uni.createFrom().failure(ProblemException.tooManyRequests(Duration.ofMillis(wait))));
    }
}
