package io.vaani.ticker.lease;

import io.vaani.contracts.redis.LuaScript;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Campaign clocks in Redis, shared by all ticker replicas: who is alive, who holds each
 * campaign's clock (a lease, SET NX PX), and each clock's sequence number and last tick. Every
 * change is a Lua script, so it is atomic however many replicas race.
 */
public class ClockLeases {
    static final String REPLICAS = "vaani:ticker:replicas";

    /** KEYS[1] replicas; ARGV owner, now ms, lease ms. Records the heartbeat, forgets the silent, returns the live. */
    private static final String HEARTBEAT = """
            redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[2] - ARGV[3])
            return redis.call('ZRANGE', KEYS[1], 0, -1)""";

    /** KEYS[1] lease; ARGV owner, lease ms. 1 when the caller holds the lease afterwards. */
    private static final String ACQUIRE_OR_RENEW = """
            local holder = redis.call('GET', KEYS[1])
            if holder == false then
              redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
              return 1
            elseif holder == ARGV[1] then
              redis.call('PEXPIRE', KEYS[1], ARGV[2])
              return 1
            end
            return 0""";

    /** KEYS[1] lease; ARGV owner. */
    private static final String RELEASE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0""";

    /**
     * KEYS[1] lease, KEYS[2] clock; ARGV owner, now ms. The next sequence number, or -1 when the
     * caller does not hold the lease. A clock Redis has lost restarts at the current time in ms,
     * above any number it gave before: sequence numbers never go backwards.
     */
    private static final String TICK = """
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -1 end
            if redis.call('HEXISTS', KEYS[2], 'seq') == 0 then
              redis.call('HSET', KEYS[2], 'seq', ARGV[2] - 1)
            end
            local seq = redis.call('HINCRBY', KEYS[2], 'seq', 1)
            redis.call('HSET', KEYS[2], 'at', ARGV[2])
            redis.call('PEXPIRE', KEYS[2], 2592000000)
            return seq""";

    private final RedisDataSource redis;

    public ClockLeases(RedisDataSource redis) {
        this.redis = redis;
    }

    /** Records that {@code owner} is alive; returns every replica heard from within {@code lease}. */
    public List<String> heartbeat(String owner, Instant now, Duration lease) {
        Response live = eval(HEARTBEAT, List.of(REPLICAS), owner, String.valueOf(now.toEpochMilli()), String.valueOf(lease.toMillis()));
        List<String> replicas = new ArrayList<>();
        live.forEach(r -> replicas.add(r.toString()));
        return replicas;
    }

    /** A replica shutting down leaves at once, so rendezvous gives its campaigns to the others now. */
    public void leave(String owner) {
        redis.sortedSet(String.class).zrem(REPLICAS, owner);
    }

    public boolean acquireOrRenew(UUID campaign, String owner, Duration lease) {
        return eval(ACQUIRE_OR_RENEW, List.of(leaseKey(campaign)), owner, String.valueOf(lease.toMillis())).toLong() == 1;
    }

    public void release(UUID campaign, String owner) {
        eval(RELEASE, List.of(leaseKey(campaign)), owner);
    }

    /** The next sequence number of the campaign's clock, or empty when {@code owner} no longer holds it. */
    public Optional<Long> tick(UUID campaign, String owner, Instant now) {
        long seq = eval(TICK, List.of(leaseKey(campaign), clockKey(campaign)), owner, String.valueOf(now.toEpochMilli())).toLong();
        return seq < 0 ? Optional.empty() : Optional.of(seq);
    }

    /** When the campaign last ticked, on any replica. */
    public Optional<Instant> lastTick(UUID campaign) {
        String at = redis.hash(String.class).hget(clockKey(campaign), "at");
        return Optional.ofNullable(at).map(ms -> Instant.ofEpochMilli(Long.parseLong(ms)));
    }

    static String leaseKey(UUID campaign) {
        return "vaani:ticker:lease:" + campaign;
    }

    static String clockKey(UUID campaign) {
        return "vaani:ticker:clock:" + campaign;
    }

    private Response eval(String script, List<String> keys, String... args) {
        return redis.execute("EVAL", LuaScript.evalArgs(script, keys, args));
    }
}
