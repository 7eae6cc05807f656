package io.vaani.dialer.calls;

import io.vaani.contracts.redis.LuaScript;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The registry of live calls in Redis that pacing and agent slots rest on, shared by every
 * dialer-core replica. Each change is one Lua script, so replicas racing on one campaign or
 * workspace never exceed a limit together, and each call moves through its states once: a
 * redelivered event finds the call already moved and changes nothing.
 */
@Singleton
public class LiveCalls {
    /** How long a reservation of a tick in progress holds its ringing slots, should the tick die. */
    static final long RESERVATION_MS = 60_000;
    /** How long an ended call's marker stays, so late duplicates of its events change nothing. */
    static final long ENDED_MARKER_MS = 3_600_000;

    private static final String PRUNE = """
            local function prune(key, now) redis.call('ZREMRANGEBYSCORE', key, '-inf', now) end
            local function publish_active(live, active)
              redis.call('SET', active, redis.call('ZCARD', live), 'EX', 600)
            end
            """;

    /** KEYS the four counted sets, live, active; ARGV now. Counts of each counted set. */
    private static final String SNAPSHOT = PRUNE + """
            local counts = {}
            for i = 1, 4 do prune(KEYS[i], ARGV[1]); counts[i] = redis.call('ZCARD', KEYS[i]) end
            prune(KEYS[5], ARGV[1])
            publish_active(KEYS[5], KEYS[6])
            return counts""";

    /**
     * KEYS campaign ringing, campaign connected, live, active; ARGV now, expected ringing, expected
     * connected, n, token. Holds n ringing slots, if the campaign's calls are still what the caller
     * paced on; otherwise 0 (the caller paces again on fresh figures).
     */
    private static final String RESERVE = PRUNE + """
            prune(KEYS[1], ARGV[1]); prune(KEYS[2], ARGV[1])
            if redis.call('ZCARD', KEYS[1]) ~= tonumber(ARGV[2]) or redis.call('ZCARD', KEYS[2]) ~= tonumber(ARGV[3]) then
              return 0
            end
            for i = 1, tonumber(ARGV[4]) do redis.call('ZADD', KEYS[1], ARGV[1] + %d, ARGV[5] .. ':' .. i) end
            return 1""".formatted(RESERVATION_MS);

    /**
     * KEYS campaign ringing, live, active; ARGV token, reserved n, then per placed call: id, marker
     * key, lease end (ms). Turns the reservation into ringing calls; unused slots return.
     */
    private static final String SETTLE = PRUNE + """
            for i = 1, tonumber(ARGV[2]) do redis.call('ZREM', KEYS[1], ARGV[1] .. ':' .. i) end
            for i = 3, #ARGV, 3 do
              redis.call('ZADD', KEYS[1], ARGV[i + 2], ARGV[i])
              redis.call('ZADD', KEYS[2], ARGV[i + 2], ARGV[i])
              redis.call('SET', ARGV[i + 1], 'R', 'PXAT', ARGV[i + 2] + %d)
            end
            publish_active(KEYS[2], KEYS[3])
            return 1""".formatted(ENDED_MARKER_MS);

    /**
     * KEYS the four counted sets, live, active, marker; ARGV call id, now, lease end, campaign limit,
     * workspace limit, agent capacity. 1 when the answered call takes an agent slot (under every
     * limit), 0 when it must be abandoned. Asked again, it gives the same answer.
     */
    private static final String ANSWER = PRUNE + """
            local state = redis.call('GET', KEYS[7])
            if state == 'C' then return 1 elseif state == 'A' or state == 'E' then return 0 end
            redis.call('ZREM', KEYS[1], ARGV[1])
            for i = 2, 4 do prune(KEYS[i], ARGV[2]) end
            if redis.call('ZCARD', KEYS[2]) < tonumber(ARGV[4]) and redis.call('ZCARD', KEYS[3]) < tonumber(ARGV[5])
                and redis.call('ZCARD', KEYS[4]) < tonumber(ARGV[6]) then
              for i = 2, 5 do redis.call('ZADD', KEYS[i], ARGV[3], ARGV[1]) end
              redis.call('SET', KEYS[7], 'C', 'PXAT', ARGV[3] + %1$d)
              publish_active(KEYS[5], KEYS[6])
              return 1
            end
            redis.call('ZADD', KEYS[5], ARGV[3], ARGV[1])
            redis.call('SET', KEYS[7], 'A', 'PXAT', ARGV[3] + %1$d)
            publish_active(KEYS[5], KEYS[6])
            return 0""".formatted(ENDED_MARKER_MS);

    /** KEYS the four counted sets, live, active, marker; ARGV call id. 1 when the call was live here. */
    private static final String END = PRUNE + """
            local removed = 0
            for i = 1, 5 do removed = removed + redis.call('ZREM', KEYS[i], ARGV[1]) end
            redis.call('SET', KEYS[7], 'E', 'PX', %d)
            publish_active(KEYS[5], KEYS[6])
            if removed > 0 then return 1 end
            return 0""".formatted(ENDED_MARKER_MS);

    /**
     * KEYS the four counted sets, live, active, marker; ARGV call id, connected (0/1), lease end.
     * Puts back a live call Redis lost; a call with a marker is left as it is.
     */
    private static final String RESTORE = PRUNE + """
            if redis.call('EXISTS', KEYS[7]) == 1 then return 0 end
            if ARGV[2] == '1' then
              for i = 2, 4 do redis.call('ZADD', KEYS[i], ARGV[3], ARGV[1]) end
              redis.call('SET', KEYS[7], 'C', 'PXAT', ARGV[3] + %1$d)
            else
              redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
              redis.call('SET', KEYS[7], 'R', 'PXAT', ARGV[3] + %1$d)
            end
            redis.call('ZADD', KEYS[5], ARGV[3], ARGV[1])
            publish_active(KEYS[5], KEYS[6])
            return 1""".formatted(ENDED_MARKER_MS);

    /** KEYS campaign ringing, campaign connected. The lease ends of each set's calls (reservations included). */
    private static final String LEASE_ENDS = """
            local function scores(key)
              local out = {}
              local pairs = redis.call('ZRANGE', key, 0, -1, 'WITHSCORES')
              for i = 2, #pairs, 2 do out[#out + 1] = pairs[i] end
              return out
            end
            return {scores(KEYS[1]), scores(KEYS[2])}""";

    private final ReactiveRedisDataSource redis;

    LiveCalls(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    /** A campaign's calls, and its workspace's and agent pool's connected calls, now. */
    public record Snapshot(int ringing, int connected, int workspaceConnected, int agentConnected) {
    }

    /** The limits an answered call must fit under to get an agent. */
    public record Limits(int campaign, int workspace, int agentCapacity) {
    }

    public Uni<Snapshot> snapshot(CallKeys keys, Instant now) {
        List<String> k = new ArrayList<>(keys.counted());
        k.add(CallKeys.LIVE);
        k.add(CallKeys.ACTIVE_CALLS);
        return eval(SNAPSHOT, k, millis(now)).map(r -> new Snapshot(r.get(0).toInteger(), r.get(1).toInteger(),
                r.get(2).toInteger(), r.get(3).toInteger()));
    }

    /** When the campaign's ringing and connected calls' slots lapse, in epoch milliseconds. */
    public record LeaseEnds(long[] ringing, long[] connected) {
    }

    /**
     * The lease ends of the campaign's live calls: a call's lease is its start plus a fixed
     * allowance (ring timeout, or longest conversation, plus the margin), so pacing reads the
     * calls' ages from them.
     */
    public Uni<LeaseEnds> leaseEnds(CallKeys keys) {
        return eval(LEASE_ENDS, List.of(keys.campaignRinging(), keys.campaignConnected()))
                .map(r -> new LeaseEnds(millis(r.get(0)), millis(r.get(1))));
    }

    private static long[] millis(Response scores) {
        long[] out = new long[scores.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (long) Double.parseDouble(scores.get(i).toString());
        }
        return out;
    }

    /** Holds {@code n} ringing slots of the campaign if its calls are still those of {@code paced}. */
    public Uni<Boolean> reserve(CallKeys keys, Snapshot paced, int n, String token, Instant now) {
        return eval(RESERVE, List.of(keys.campaignRinging(), keys.campaignConnected(), CallKeys.LIVE, CallKeys.ACTIVE_CALLS),
                millis(now), String.valueOf(paced.ringing()), String.valueOf(paced.connected()), String.valueOf(n), token)
                .map(r -> r.toInteger() == 1);
    }

    /** A placed call: its id and when its ringing slot lapses if nothing is heard of it. */
    public record Placed(long callLogId, Instant leaseEnd) {
    }

    /** Turns a reservation of {@code reserved} slots into the calls actually placed; the rest return. */
    public Uni<Void> settle(CallKeys keys, String token, int reserved, List<Placed> placed) {
        List<String> args = new ArrayList<>(List.of(token, String.valueOf(reserved)));
        for (Placed call : placed) {
            args.addAll(List.of(String.valueOf(call.callLogId()), CallKeys.marker(call.callLogId()), millis(call.leaseEnd())));
        }
        return eval(SETTLE, List.of(keys.campaignRinging(), CallKeys.LIVE, CallKeys.ACTIVE_CALLS), args.toArray(String[]::new))
                .replaceWithVoid();
    }

    /** Whether the answered call takes an agent slot; false means it must be abandoned. */
    public Uni<Boolean> answer(CallKeys keys, long callLogId, Limits limits, Instant now, Instant leaseEnd) {
        return eval(ANSWER, withLiveAndMarker(keys, callLogId), String.valueOf(callLogId), millis(now), millis(leaseEnd),
                String.valueOf(limits.campaign()), String.valueOf(limits.workspace()), String.valueOf(limits.agentCapacity()))
                .map(r -> r.toInteger() == 1);
    }

    /** Frees whatever the call held; true when it was still counted. */
    public Uni<Boolean> end(CallKeys keys, long callLogId) {
        return eval(END, withLiveAndMarker(keys, callLogId), String.valueOf(callLogId)).map(r -> r.toInteger() == 1);
    }

    /** Counts again a live call (per call_logs) that Redis lost; true when it was missing. */
    public Uni<Boolean> restore(CallKeys keys, long callLogId, boolean connected, Instant leaseEnd) {
        return eval(RESTORE, withLiveAndMarker(keys, callLogId), String.valueOf(callLogId), connected ? "1" : "0",
                millis(leaseEnd)).map(r -> r.toInteger() == 1);
    }

    /** Ids of every call the registry counts as live. */
    public Uni<List<Long>> live(Instant now) {
        return redis.execute("ZRANGEBYSCORE", CallKeys.LIVE, millis(now), "+inf").map(r -> {
            List<Long> ids = new ArrayList<>();
            r.forEach(id -> ids.add(id.toLong()));
            return ids;
        });
    }

    private static List<String> withLiveAndMarker(CallKeys keys, long callLogId) {
        List<String> k = new ArrayList<>(keys.counted());
        k.add(CallKeys.LIVE);
        k.add(CallKeys.ACTIVE_CALLS);
        k.add(CallKeys.marker(callLogId));
        return k;
    }

    private Uni<Response> eval(String script, List<String> keys, String... args) {
        return redis.execute("EVAL", LuaScript.evalArgs(script, keys, args));
    }

    private static String millis(Instant at) {
        return String.valueOf(at.toEpochMilli());
    }
}
