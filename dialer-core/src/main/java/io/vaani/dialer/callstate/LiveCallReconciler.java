package io.vaani.dialer.callstate;

import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vaani.contracts.runtime.Instance;
import io.vaani.dialer.calls.CallKeys;
import io.vaani.dialer.calls.LiveCalls;
import io.vaani.dialer.config.DialerConfig;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Repairs the live-call registry in Redis from call_logs, the source of truth: a call Redis counts
 * but call_logs has ended (its final event was applied, but the replica died before freeing its
 * slot) is freed; a live call Redis lost (a flushed or failed-over Redis) is counted again. One
 * replica runs it per interval.
 */
@Singleton
public class LiveCallReconciler {
    private final Pool pool;
    private final LiveCalls live;
    private final ReactiveRedisDataSource redis;
    private final Instance instance;
    private final DialerConfig config;
    private final Clock clock;

    LiveCallReconciler(Pool pool, LiveCalls live, ReactiveRedisDataSource redis, Instance instance, DialerConfig config,
            Clock clock) {
        this.pool = pool;
        this.live = live;
        this.redis = redis;
        this.instance = instance;
        this.config = config;
        this.clock = clock;
    }

    /** What one round changed. */
    public record Repair(int freed, int restored) {
    }

    @Scheduled(every = "${vaani.dialer.reconcile-interval:30s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = DialerSwitch.Off.class)
    Uni<Void> scheduled() {
        return redis.execute("SET", "vaani:calls:reconciler", instance.id(), "NX", "PX",
                String.valueOf(config.reconcileInterval().toMillis() - 1000))
                .chain(lock -> lock == null ? Uni.createFrom().nullItem() : reconcile())
                .invoke(repair -> {
                    if (repair != null && (repair.freed() > 0 || repair.restored() > 0)) {
                        Log.infof("live calls repaired from call_logs: %d freed, %d counted again", repair.freed(), repair.restored());
                    }
                }).replaceWithVoid();
    }

    public Uni<Repair> reconcile() {
        Instant now = clock.instant();
        return live.live(now).chain(counted -> pool.preparedQuery(CallStateSql.LIVE).execute().chain(rows -> {
            Set<Long> alive = new HashSet<>();
            List<Uni<Boolean>> restores = new ArrayList<>();
            for (Row row : rows) {
                alive.add(row.getLong(0));
                OffsetDateTime lease = row.getOffsetDateTime(5);
                if (!counted.contains(row.getLong(0)) && lease != null && lease.toInstant().isAfter(now)) {
                    restores.add(live.restore(CallKeys.of(row.getUUID(1), row.getUUID(2), row.getString(3)), row.getLong(0),
                            row.getBoolean(4), lease.toInstant()));
                }
            }
            Long[] gone = counted.stream().filter(id -> !alive.contains(id)).toArray(Long[]::new);
            Uni<Integer> freed = gone.length == 0 ? Uni.createFrom().item(0)
                    : pool.preparedQuery(CallStateSql.ENDED_AMONG).execute(Tuple.of(gone))
                            .chain(ended -> Multi.createFrom().iterable(ended)
                                    .onItem().transformToUniAndMerge(r -> live.end(CallKeys.of(r.getUUID(1), r.getUUID(2),
                                            r.getString(3)), r.getLong(0)))
                                    .collect().with(Collectors.counting())).map(Long::intValue);
            Uni<Integer> restored = restores.isEmpty() ? Uni.createFrom().item(0)
                    : Uni.join().all(restores).andCollectFailures().map(all -> (int) all.stream().filter(b -> b).count());
            return Uni.combine().all().unis(freed, restored).asTuple().map(t -> new Repair(t.getItem1(), t.getItem2()));
        }));
    }
}
