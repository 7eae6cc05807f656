package io.vaani.dialer.dialing;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.smallrye.mutiny.Uni;
import io.vaani.contracts.redis.RedisKeys;
import io.vaani.dialer.pacing.PacingState;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The dialer's part of a campaign's status in Redis ({@code vaani:dialer:status:<campaign>}), read
 * by api-service: the pacing state every replica continues from, the ratio dialed at, and skips
 * at dial time by reason.
 */
@Singleton
public class DialerStatus {
    private static final Duration KEEP = Duration.ofDays(2);

    private final ReactiveRedisDataSource redis;
    private final ReactiveHashCommands<String, String, String> hashes;

    DialerStatus(ReactiveRedisDataSource redis) {
        this.redis = redis;
        this.hashes = redis.hash(String.class);
    }

    public static String key(UUID campaignId) {
        return RedisKeys.dialerStatus(campaignId);
    }

    /** The campaign's pacing state, or the initial one when it has none yet. */
    public Uni<PacingState> pacing(UUID campaignId) {
        return hashes.hget(key(campaignId), "damping")
                .map(damping -> damping == null ? PacingState.initial() : new PacingState(Double.parseDouble(damping)));
    }

    public Uni<Void> save(UUID campaignId, PacingState state, double effectiveRatio, Instant at) {
        return write(campaignId, Map.of("damping", String.valueOf(state.damping()), "effectiveRatio",
                String.valueOf(effectiveRatio), "lastTickAt", at.toString()));
    }

    /** Counts numbers given back at dial time, by reason. */
    public Uni<Void> countSkips(UUID campaignId, int doNotCall, int outsideWindow) {
        Uni<Void> dnc = doNotCall == 0 ? Uni.createFrom().voidItem()
                : hashes.hincrby(key(campaignId), "skipped.DO_NOT_CALL", doNotCall).replaceWithVoid();
        Uni<Void> window = outsideWindow == 0 ? Uni.createFrom().voidItem()
                : hashes.hincrby(key(campaignId), "skipped.OUTSIDE_WINDOW", outsideWindow).replaceWithVoid();
        return dnc.chain(() -> window);
    }

    private Uni<Void> write(UUID campaignId, Map<String, String> fields) {
        return hashes.hset(key(campaignId), fields).chain(() -> redis.key().expire(key(campaignId), KEEP)).replaceWithVoid();
    }
}
