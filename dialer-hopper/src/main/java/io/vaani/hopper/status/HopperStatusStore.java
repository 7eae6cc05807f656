package io.vaani.hopper.status;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.smallrye.mutiny.Uni;
import io.vaani.contracts.redis.RedisKeys;
import io.vaani.contracts.runtime.Instance;
import io.vaani.hopper.fill.FillResult;
import io.vaani.hopper.fill.SkipCounts;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The hopper's part of a campaign's status, in Redis where api-service reads it:
 * {@code vaani:hopper:status:<campaign>} holds depth, level, last fill and skip counts.
 */
@Singleton
public class HopperStatusStore {
    private static final Duration KEEP = Duration.ofDays(2);

    private final ReactiveRedisDataSource redis;
    private final ReactiveHashCommands<String, String, String> hashes;
    private final Instance instance;

    HopperStatusStore(ReactiveRedisDataSource redis, Instance instance) {
        this.redis = redis;
        this.hashes = redis.hash(String.class);
        this.instance = instance;
    }

    public static String key(UUID campaignId) {
        return RedisKeys.hopperStatus(campaignId);
    }

    public Uni<Void> save(FillResult result) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("depth", String.valueOf(result.depth()));
        fields.put("level", String.valueOf(result.level()));
        fields.put("lastFilled", String.valueOf(result.filled()));
        fields.put("lastFillAt", Instant.now().toString());
        return write(result.campaignId(), fields);
    }

    public Uni<Void> save(UUID campaignId, SkipCounts skips) {
        Map<String, String> fields = new LinkedHashMap<>();
        skips.asMap().forEach((reason, count) -> fields.put("skipped." + reason, String.valueOf(count)));
        fields.put("censusAt", Instant.now().toString());
        return write(campaignId, fields);
    }

    /** Whether this replica should take the campaign's census now: once per interval across replicas. */
    public Uni<Boolean> claimCensus(UUID campaignId, Duration interval) {
        return redis.execute("SET", "vaani:hopper:census:" + campaignId, instance.id(), "NX", "PX",
                String.valueOf(interval.toMillis())).map(reply -> reply != null);
    }

    private Uni<Void> write(UUID campaignId, Map<String, String> fields) {
        String key = key(campaignId);
        return hashes.hset(key, fields).chain(() -> redis.key().pexpire(key, KEEP)).replaceWithVoid();
    }
}
