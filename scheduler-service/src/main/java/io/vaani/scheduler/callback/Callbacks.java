package io.vaani.scheduler.callback;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vaani.contracts.amqp.PoisonMessageException;
import io.vaani.contracts.calling.CallingWindow;
import io.vaani.contracts.domain.ComplianceProfile;
import io.vaani.contracts.messages.CallbackRequest;
import io.vaani.scheduler.metrics.SchedulerMetrics;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;

/**
 * "Call me tomorrow at 5": records the callback at the instant it becomes due in the callee's zone,
 * inside the campaign's calling window, and makes the prospect a CALLBACK due then, which the
 * hopper queues ahead of other prospects of its list. The latest request replaces earlier ones.
 * Asked for during a call, the callback waits for that call's outcome to move the prospect.
 */
@Singleton
public class Callbacks {
    private final Pool pool;
    private final Clock clock;
    private final SchedulerMetrics metrics;

    Callbacks(Pool pool, Clock clock, SchedulerMetrics metrics) {
        this.pool = pool;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** The recorded callback; empty when its prospect is gone or the request was recorded before. */
    public Uni<Optional<CallbackTime>> request(CallbackRequest request) {
        return pool.withTransaction(sql -> sql.preparedQuery(CallbackSql.LEAVE_HOPPER).execute(Tuple.of(request.prospectId()))
                .chain(() -> sql.preparedQuery(CallbackSql.LOCK).execute(Tuple.of(request.prospectId(), request.campaignId())))
                .chain(rows -> {
                    if (!rows.iterator().hasNext()) {
                        Log.warnf("callback request %s: prospect %d of campaign %s does not exist (any more)", request.requestId(),
                                request.prospectId(), request.campaignId());
                        return Uni.createFrom().item(Optional.<CallbackTime>empty());
                    }
                    return record(sql, request, rows.iterator().next());
                }));
    }

    private Uni<Optional<CallbackTime>> record(SqlConnection sql, CallbackRequest request, Row prospect) {
        ZoneId zone = zone(request, prospect.getString(2));
        CallingWindow window = CallingWindow.parse(prospect.getString(3), ComplianceProfile.valueOf(prospect.getString(4)));
        Decision decision = decide(request, zone, window, refusal(prospect.getString(1), prospect.getString(5)));
        CallbackTime due = decision.time();
        String refusal = decision.refusal();
        String reason = refusal != null ? refusal : due.moved().orElse(null);
        Tuple insert = Tuple.from(Arrays.asList(request.requestId(), request.workspaceId(), request.campaignId(),
                request.prospectId(), request.localTime(), zone.getId(), due.due().atOffset(ZoneOffset.UTC), reason,
                request.note(), request.callLogId(), refusal == null ? "PENDING" : "CANCELLED"));
        return sql.preparedQuery(CallbackSql.INSERT).execute(insert).chain(rows -> {
            if (!rows.iterator().hasNext()) {
                return Uni.createFrom().item(Optional.<CallbackTime>empty()); // recorded before
            }
            if (reason != null) {
                Log.infof("callback for prospect %d: %s", request.prospectId(), reason);
            }
            if (refusal != null) {
                return Uni.createFrom().item(Optional.<CallbackTime>empty());
            }
            long id = rows.iterator().next().getLong(0);
            metrics.callback(due.moved().isPresent());
            return sql.preparedQuery(CallbackSql.SUPERSEDE).execute(Tuple.of(request.prospectId(), id))
                    .chain(() -> sql.preparedQuery(CallbackSql.MOVE_PROSPECT).execute(Tuple.of(request.prospectId(),
                            due.due().atOffset(ZoneOffset.UTC))))
                    .chain(() -> sql.preparedQuery(CallbackSql.REOPEN_ITEM).execute(Tuple.of(request.prospectId())))
                    .chain(items -> items.iterator().hasNext()
                            ? sql.preparedQuery(CallbackSql.UNCOUNT_FINAL).execute(Tuple.of(items.iterator().next().getUUID(0)))
                                    .replaceWithVoid()
                            : Uni.createFrom().voidItem())
                    .replaceWith(Optional.of(due));
        });
    }

    /** When the callback is due, or why it cannot be honoured (then due is what was asked, for the record). */
    record Decision(CallbackTime time, String refusal) {
    }

    private Decision decide(CallbackRequest request, ZoneId zone, CallingWindow window, String refusal) {
        CallbackTime asked = new CallbackTime(request.localTime().atZone(zone).toInstant(), Optional.empty());
        if (refusal != null) {
            return new Decision(asked, refusal);
        }
        try {
            return new Decision(CallbackTime.of(request.localTime(), zone, window, clock.instant()), null);
        } catch (CallbackTime.NeverOpen e) {
            return new Decision(asked, "not scheduled: " + e.getMessage());
        }
    }

    /** Why a callback cannot be honoured, recorded as a cancelled callback; null when it can. */
    private static String refusal(String prospectStatus, String batchStatus) {
        if (prospectStatus.equals("DNC")) {
            return "not scheduled: the number is on a do-not-call list";
        }
        if (batchStatus != null && (batchStatus.equals("COMPLETED") || batchStatus.equals("CANCELLED"))) {
            return "not scheduled: its batch job is " + batchStatus.toLowerCase();
        }
        return null;
    }

    /** The zone the request names, else the prospect's (or its campaign's fallback); a request no zone fits cannot be honoured. */
    private static ZoneId zone(CallbackRequest request, String prospectZone) {
        String zone = request.zone() != null ? request.zone() : prospectZone;
        if (zone == null) {
            throw new PoisonMessageException("callback request " + request.requestId() + ": prospect " + request.prospectId()
                    + " has no time zone and the request names none");
        }
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new PoisonMessageException("callback request " + request.requestId() + ": unknown time zone " + zone);
        }
    }
}
