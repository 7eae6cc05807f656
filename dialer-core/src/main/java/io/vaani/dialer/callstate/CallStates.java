package io.vaani.dialer.callstate;

import io.smallrye.mutiny.Uni;
import io.vaani.contracts.domain.CallOutcome;
import io.vaani.contracts.messages.CallAnswered;
import io.vaani.contracts.messages.CallEnded;
import io.vaani.contracts.messages.CallEvent;
import io.vaani.contracts.messages.CallFailed;
import io.vaani.contracts.messages.CallOriginated;
import io.vaani.contracts.messages.CallRinging;
import io.vaani.dialer.calls.CallKeys;
import io.vaani.dialer.calls.LiveCalls;
import io.vaani.dialer.config.DialerConfig;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
import java.time.ZoneOffset;
import java.util.Arrays;

/**
 * Applies call events (consumer of {@code dialer-core.calls}): progress to the call log; the final
 * outcome to the call log and the campaign's hourly counters (what pacing measures) in one
 * transaction; then frees the call's slots in Redis. The prospect's next step (retry, callback,
 * do-not-call) is the scheduler's, from the same event. Redelivered and duplicate events change nothing.
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
                    return (call.getBoolean(3) ? count(sql, event, outcome, talkSeconds, call) : Uni.createFrom().voidItem())
                            .replaceWith(keys);
                }))
                .chain(keys -> keys == null ? Uni.createFrom().voidItem() : live.end(keys, event.callLogId()).replaceWithVoid());
    }

    /** The call ended now: the campaign's hourly counters. */
    private Uni<Void> count(SqlConnection sql, CallEvent event, CallOutcome outcome, long talkSeconds, Row call) {
        if (call.getUUID(0) == null) {
            return Uni.createFrom().voidItem(); // a deleted campaign's calls keep their logs but count nowhere
        }
        boolean talked = outcome.answered() && outcome != CallOutcome.ABANDONED; // held an agent
        return sql.preparedQuery(CallStateSql.STATS).execute(Tuple.from(Arrays.asList(call.getUUID(0),
                event.at().atOffset(ZoneOffset.UTC), flag(outcome.answered()), flag(outcome == CallOutcome.ABANDONED),
                flag(outcome.answered() && outcome != CallOutcome.ABANDONED), flag(outcome == CallOutcome.NO_ANSWER),
                flag(outcome == CallOutcome.BUSY), flag(outcome == CallOutcome.VOICEMAIL), flag(outcome == CallOutcome.FAILED),
                talkSeconds, outcome.answered() ? Math.max(0, call.getDouble(4)) : 0.0, flag(talked),
                talked ? Math.log(Math.max(1, talkSeconds)) : 0.0))).replaceWithVoid();
    }

    private static int flag(boolean value) {
        return value ? 1 : 0;
    }
}
