package io.vaani.dialer.callstate;

import io.smallrye.mutiny.Uni;
import io.vaani.contracts.domain.CallOutcome;
import io.vaani.contracts.messages.CallAnswered;
import io.vaani.contracts.messages.CallEnded;
import io.vaani.contracts.messages.CallEvent;
import io.vaani.contracts.messages.CallFailed;
import io.vaani.contracts.messages.CallOriginated;
import io.vaani.contracts.messages.CallRinging;
import io.vaani.contracts.outcome.RetryRules;
import io.vaani.dialer.calls.CallKeys;
import io.vaani.dialer.calls.LiveCalls;
import io.vaani.dialer.config.DialerConfig;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Arrays;

/**
 * Applies call events (consumer of {@code dialer-core.calls}): progress to the call log; the final
 * outcome to the call log, the prospect's next step (its campaign's retry rules), the campaign's
 * hourly counters and, for an opt-out, the do-not-call list, in one transaction; then frees the
 * call's slots in Redis. Redelivered and duplicate events change nothing.
 */
@Singleton
public class CallStates {
    private final Pool pool;
    private final LiveCalls live;
    private final DialerConfig config;

    CallStates(Pool pool, LiveCalls live, DialerConfig config) {
        this.pool = pool;
        this.live = live;
        this.config = config;
    }

    public Uni<Void> apply(CallEvent event) {
        return switch (event) {
            case CallOriginated ignored -> Uni.createFrom().voidItem();
            case CallRinging ringing -> pool.preparedQuery(CallStateSql.RINGING)
                    .execute(Tuple.of(ringing.callLogId(), ringing.at().atOffset(ZoneOffset.UTC))).replaceWithVoid();
            case CallAnswered answered -> pool.preparedQuery(CallStateSql.ANSWERED).execute(Tuple.of(answered.callLogId(),
                    answered.at().atOffset(ZoneOffset.UTC), config.leaseMargin().toSeconds())).replaceWithVoid();
            case CallEnded ended -> end(ended, ended.outcome(), ended.sipStatus(), ended.talkSeconds(), ended.disposition(), null);
            case CallFailed failed -> end(failed, failed.outcome(), failed.sipStatus(), 0, null, failed.reason());
        };
    }

    private Uni<Void> end(CallEvent event, CallOutcome outcome, Integer sipStatus, long talkSeconds, String disposition,
            String error) {
        return pool.withTransaction(sql -> sql.preparedQuery(CallStateSql.END).execute(Tuple.from(Arrays.asList(
                event.callLogId(), outcome.name(), sipStatus, (int) Math.min(Integer.MAX_VALUE, talkSeconds), disposition, error,
                event.at().atOffset(ZoneOffset.UTC), outcome.answered())))
                .chain(rows -> {
                    if (rows.rowCount() == 0) {
                        return Uni.createFrom().<CallKeys>nullItem(); // the call log is gone with its workspace
                    }
                    Row call = rows.iterator().next();
                    CallKeys keys = CallKeys.of(call.getUUID(0), call.getUUID(1), call.getString(2));
                    return (call.getBoolean(3) ? settle(sql, event, outcome, talkSeconds, call) : Uni.createFrom().voidItem())
                            .replaceWith(keys);
                }))
                .chain(keys -> keys == null ? Uni.createFrom().voidItem() : live.end(keys, event.callLogId()).replaceWithVoid());
    }

    /** The call ended now: its prospect's next step, the campaign's counters, an opt-out's DNC entry. */
    private Uni<Void> settle(SqlConnection sql, CallEvent event, CallOutcome outcome, long talkSeconds, Row call) {
        Uni<Void> prospect = Uni.createFrom().voidItem();
        if (call.getValue(4) != null && call.getString(6) != null) {
            RetryRules.NextStep step = rules(call.getString(6)).next(outcome, call.getInteger(5), call.getInteger(7),
                    Duration.ofSeconds(call.getInteger(8)));
            String status = step instanceof RetryRules.Final f ? f.status().name() : "RETRY_WAIT";
            long delay = step instanceof RetryRules.Retry r ? r.delay().toSeconds() : 0;
            prospect = sql.preparedQuery(CallStateSql.NEXT_STEP)
                    .execute(Tuple.of(call.getLong(4), event.callLogId(), status, delay, outcome.name())).replaceWithVoid();
        }
        // A deleted campaign's calls keep their logs (campaign_id set null) but count nowhere.
        Uni<Void> stats = call.getUUID(0) == null ? Uni.createFrom().voidItem()
                : sql.preparedQuery(CallStateSql.STATS).execute(Tuple.from(Arrays.asList(call.getUUID(0),
                event.at().atOffset(ZoneOffset.UTC), flag(outcome.answered()), flag(outcome == CallOutcome.ABANDONED),
                flag(outcome.answered() && outcome != CallOutcome.ABANDONED), flag(outcome == CallOutcome.NO_ANSWER),
                flag(outcome == CallOutcome.BUSY), flag(outcome == CallOutcome.VOICEMAIL), flag(outcome == CallOutcome.FAILED),
                talkSeconds))).replaceWithVoid();
        Uni<Void> optOut = outcome != CallOutcome.DNC ? Uni.createFrom().voidItem()
                : sql.preparedQuery(CallStateSql.OPT_OUT).execute(Tuple.of(event.workspaceId(), call.getString(9),
                        String.valueOf(event.callLogId()))).replaceWithVoid();
        return prospect.chain(() -> stats).chain(() -> optOut);
    }

    /** Rules the API let through but this version cannot read fall back to the defaults rather than stall the call. */
    private static RetryRules rules(String json) {
        try {
            return RetryRules.parse(json);
        } catch (IllegalArgumentException e) {
            return RetryRules.defaults();
        }
    }

    private static int flag(boolean value) {
        return value ? 1 : 0;
    }
}
