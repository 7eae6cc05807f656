package io.vaani.dialer.callstate;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vaani.contracts.domain.CallOutcome;
import io.vaani.contracts.messages.CallEvent;
import io.vaani.contracts.messages.CallFailed;
import io.vaani.dialer.calls.CallEvents;
import io.vaani.dialer.metrics.DialerMetrics;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Settles calls that never produced an outcome (a dialer that died between claim and origination,
 * an event lost for good): once the prospect's dial lease has passed, the call fails and its
 * prospect follows the retry rules. The lease outlasts the ring timeout, so a call that may still
 * ring is never failed, and the prospect is never dialed again while it might.
 */
@Singleton
public class LeaseReaper {
    static final int BATCH = 200;

    private final Pool pool;
    private final CallEvents events;
    private final DialerMetrics metrics;
    private final Clock clock;

    LeaseReaper(Pool pool, CallEvents events, DialerMetrics metrics, Clock clock) {
        this.pool = pool;
        this.events = events;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Scheduled(every = "${vaani.dialer.reap-interval:15s}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = DialerSwitch.Off.class)
    Uni<Void> scheduled() {
        return reap().invoke(count -> {
            if (count > 0) {
                Log.infof("failed %d calls whose dial lease expired without an outcome", count);
            }
        }).replaceWithVoid();
    }

    /** Fails the calls of expired leases; returns how many. */
    public Uni<Integer> reap() {
        return pool.withTransaction(sql -> sql.preparedQuery(CallStateSql.EXPIRED).execute(Tuple.of(BATCH)).map(rows -> {
            List<CallFailed> failures = new ArrayList<>();
            for (Row row : rows) {
                if (!row.getString(4).equals("ENDED")) {
                    failures.add(new CallFailed(CallEvent.VERSION, row.getLong(0), row.getUUID(1), row.getUUID(2), row.getLong(3),
                            clock.instant(), CallOutcome.FAILED, null, "no outcome before the dial lease expired (call was "
                                    + row.getString(4) + ")"));
                }
            }
            return failures;
        })).chain(failures -> Multi.createFrom().iterable(failures)
                .onItem().transformToUniAndMerge(failure -> events.publish(failure).invoke(metrics::leaseExpired))
                .collect().with(Collectors.counting()))
                .map(Long::intValue);
    }
}
