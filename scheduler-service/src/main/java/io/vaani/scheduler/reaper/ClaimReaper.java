package io.vaani.scheduler.reaper;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vaani.contracts.domain.CallOutcome;
import io.vaani.contracts.messages.CallEvent;
import io.vaani.contracts.messages.CallFailed;
import io.vaani.scheduler.config.SchedulerConfig;
import io.vaani.scheduler.lifecycle.Publisher;
import io.vaani.scheduler.lifecycle.SchedulerSwitch;
import io.vaani.scheduler.metrics.SchedulerMetrics;
import io.vaani.scheduler.outcome.Outcomes;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Returns expired claims, so that a crash strands no prospect and never causes a second
 * concurrent dial. A QUEUED prospect whose hopper stopped renewing it goes back to its pool. A
 * DIALING prospect past its lease (which outlasts the ring timeout, and after the answer the
 * longest conversation the agent may have) is resolved: from its call log when the call ended
 * (the outcome event was lost), from LiveKit when the room still holds the callee (the lease
 * grows), otherwise its call fails with a final event that everyone settles as any other.
 * Replicas share the work with SKIP LOCKED.
 */
@Singleton
public class ClaimReaper {
    /** What one round did. */
    public record Round(int queued, int settled, int failed, int alive) {
    }

    /** A DIALING prospect past its lease and its call. */
    record Expired(long prospect, Long call, String callStatus, String outcome, OffsetDateTime endedAt, String telephony,
            String room, UUID workspace, UUID campaign) {
        static Expired of(Row row) {
            return new Expired(row.getLong(0), row.getLong(1), row.getString(2), row.getString(3), row.getOffsetDateTime(4),
                    row.getString(5), row.getString(6), row.getUUID(7), row.getUUID(8));
        }
    }

    private enum Resolution {
        SETTLED, FAILED, ALIVE
    }

    private final Pool pool;
    private final Outcomes outcomes;
    private final LiveKitRooms rooms;
    private final Publisher publisher;
    private final SchedulerConfig config;
    private final SchedulerMetrics metrics;
    private final Clock clock;

    ClaimReaper(Pool pool, Outcomes outcomes, LiveKitRooms rooms, Publisher publisher, SchedulerConfig config,
            SchedulerMetrics metrics, Clock clock) {
        this.pool = pool;
        this.outcomes = outcomes;
        this.rooms = rooms;
        this.publisher = publisher;
        this.config = config;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Scheduled(every = "${vaani.scheduler.reap-interval:15s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = SchedulerSwitch.Off.class)
    Uni<Void> scheduled() {
        return reap().invoke(round -> {
            if (round.queued() + round.settled() + round.failed() + round.alive() > 0) {
                Log.infof("reaped expired claims: %d queued back to their pool, %d settled from their call log, "
                        + "%d calls failed, %d calls still up", round.queued(), round.settled(), round.failed(), round.alive());
            }
        }).replaceWithVoid();
    }

    public Uni<Round> reap() {
        Uni<Integer> queued = pool.preparedQuery(ReaperSql.QUEUED).execute(Tuple.of(config.reapBatch()))
                .chain(rows -> pool.preparedQuery(ReaperSql.QUEUED_WITHOUT_ENTRY).execute(Tuple.of(config.reapBatch()))
                        .map(orphans -> rows.iterator().next().getLong(0).intValue() + orphans.iterator().next().getLong(0).intValue()));
        return queued.invoke(n -> metrics.reaped("queued", n)).chain(q -> dialing().map(resolutions -> new Round(q,
                count(resolutions, Resolution.SETTLED), count(resolutions, Resolution.FAILED), count(resolutions, Resolution.ALIVE))));
    }

    private Uni<List<Resolution>> dialing() {
        return pool.preparedQuery(ReaperSql.DIALING).execute(Tuple.of(config.reapBatch())).chain(rows -> {
            List<Expired> expired = new ArrayList<>();
            rows.forEach(row -> expired.add(Expired.of(row)));
            return Multi.createFrom().iterable(expired).onItem().transformToUniAndMerge(this::resolve).collect().asList();
        }).invoke(resolutions -> {
            metrics.reaped("settled", count(resolutions, Resolution.SETTLED));
            metrics.reaped("failed", count(resolutions, Resolution.FAILED));
            metrics.reaped("alive", count(resolutions, Resolution.ALIVE));
        });
    }

    private Uni<Resolution> resolve(Expired e) {
        if (e.callStatus() == null) {
            return pool.preparedQuery(ReaperSql.RELEASE).execute(Tuple.of(e.prospect())).replaceWith(Resolution.SETTLED);
        }
        if (e.callStatus().equals("ENDED")) {
            return outcomes.settle(e.prospect(), e.call(), CallOutcome.valueOf(e.outcome()), e.endedAt().toInstant())
                    .replaceWith(Resolution.SETTLED);
        }
        Uni<LiveKitRooms.State> state = e.telephony().equals("LIVEKIT") ? rooms.state(e.room())
                : Uni.createFrom().item(LiveKitRooms.State.GONE); // a simulated call lives and dies with its dialer
        return state.chain(s -> s == LiveKitRooms.State.ALIVE
                ? pool.preparedQuery(ReaperSql.EXTEND).execute(Tuple.of(e.prospect(), config.liveCallExtension().toSeconds()))
                        .replaceWith(Resolution.ALIVE)
                : fail(e, s));
    }

    /** The call fails like any other: dialer-core ends its log and frees its slots, our consumer moves the prospect on. */
    private Uni<Resolution> fail(Expired e, LiveKitRooms.State state) {
        String reason = "no outcome before the dial lease expired (call was " + e.callStatus()
                + (state == LiveKitRooms.State.UNKNOWN && e.telephony().equals("LIVEKIT") ? "; LiveKit could not tell" : "") + ")";
        CallFailed failed = new CallFailed(CallEvent.VERSION, e.call(), e.workspace(), e.campaign(), e.prospect(), clock.instant(),
                CallOutcome.FAILED, null, reason);
        // Another final event already told the call's outcome: its settlement is on its way.
        return publisher.publishFinal(failed).map(published -> published ? Resolution.FAILED : Resolution.SETTLED);
    }

    private static int count(List<Resolution> resolutions, Resolution kind) {
        return (int) resolutions.stream().filter(kind::equals).count();
    }
}
