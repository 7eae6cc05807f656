package io.vaani.scheduler.outcome;

import io.smallrye.mutiny.Uni;
import io.vaani.contracts.domain.CallOutcome;
import io.vaani.contracts.messages.CallEnded;
import io.vaani.contracts.messages.CallEvent;
import io.vaani.contracts.messages.CallFailed;
import io.vaani.contracts.messages.CallOriginated;
import io.vaani.contracts.messages.CampaignChanged;
import io.vaani.scheduler.batch.BatchProgress;
import io.vaani.scheduler.lifecycle.Publisher;
import io.vaani.scheduler.metrics.SchedulerMetrics;
import io.vaani.scheduler.optout.OptOuts;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns a call's outcome into its prospect's next step (consumer of {@code scheduler.calls}, and
 * the reaper for outcomes whose event was lost): retry after the rule's delay, a callback the
 * callee asked for, do-not-call, or done; an opt-out's number onto the do-not-call list; the batch
 * item along. One transaction per outcome; a replay finds the prospect moved on and does nothing.
 */
@Singleton
public class Outcomes {
    private final Pool pool;
    private final OptOuts optOuts;
    private final BatchProgress batches;
    private final Publisher publisher;
    private final SchedulerMetrics metrics;

    Outcomes(Pool pool, OptOuts optOuts, BatchProgress batches, Publisher publisher, SchedulerMetrics metrics) {
        this.pool = pool;
        this.optOuts = optOuts;
        this.batches = batches;
        this.publisher = publisher;
        this.metrics = metrics;
    }

    public Uni<Void> apply(CallEvent event) {
        return switch (event) {
            case CallOriginated originated -> pool.preparedQuery(OutcomeSql.ITEM_DIALING)
                    .execute(Tuple.of(originated.prospectId(), originated.callLogId())).replaceWithVoid();
            case CallEnded ended -> settle(ended.prospectId(), ended.callLogId(), ended.outcome(), ended.at()).replaceWithVoid();
            case CallFailed failed -> settle(failed.prospectId(), failed.callLogId(), failed.outcome(), failed.at()).replaceWithVoid();
            default -> Uni.createFrom().voidItem();
        };
    }

    /** Applies the outcome of call {@code callLogId} to its prospect; empty when the prospect had already moved on. */
    public Uni<Optional<NextStep>> settle(long prospect, long callLogId, CallOutcome outcome, Instant endedAt) {
        List<CampaignChanged> notices = new ArrayList<>();
        return pool.withTransaction(sql -> sql.preparedQuery(OutcomeSql.LOCK).execute(Tuple.of(prospect, callLogId))
                .chain(rows -> rows.iterator().hasNext()
                        ? settleLocked(sql, rows.iterator().next(), prospect, callLogId, outcome, endedAt, notices).map(Optional::of)
                        : Uni.createFrom().item(Optional.<NextStep>empty())))
                .call(step -> publisher.publishAll(notices))
                .invoke(step -> step.ifPresent(s -> metrics.nextStep(s.status())));
    }

    private Uni<NextStep> settleLocked(SqlConnection sql, Row p, long prospect, long callLogId, CallOutcome outcome,
            Instant endedAt, List<CampaignChanged> notices) {
        UUID workspace = p.getUUID(0);
        String phone = p.getString(1);
        ProspectRules rules = ProspectRules.of(p.getString(3), p.getInteger(4), p.getInteger(5));
        OffsetDateTime began = p.getOffsetDateTime(6);
        return sql.preparedQuery(OutcomeSql.CALLBACKS).execute(Tuple.of(prospect, callLogId, began)).chain(rows -> {
            Optional<Instant> callback = Optional.ofNullable(rows.iterator().next().getOffsetDateTime(0))
                    .map(OffsetDateTime::toInstant);
            NextStep step = NextStep.after(new NextStep.Facts(outcome, p.getInteger(2), endedAt, callback, p.getBoolean(7),
                    p.getBoolean(8)), rules);
            Uni<Void> moved = sql.preparedQuery(OutcomeSql.MOVE).execute(Tuple.of(prospect, step.status().name(),
                    step.notBefore().atOffset(ZoneOffset.UTC), outcome.name())).replaceWithVoid();
            Uni<List<CampaignChanged>> optOut = outcome == CallOutcome.DNC
                    ? optOuts.record(sql, workspace, phone, "CALL", "opted out during call " + callLogId)
                    : Uni.createFrom().item(List.of());
            return moved.chain(() -> optOut).invoke(notices::addAll)
                    .chain(() -> batches.follow(sql, new Long[] { prospect }, step.terminal(), outcome.name(), callLogId))
                    .invoke(notices::addAll)
                    .replaceWith(step);
        });
    }
}
