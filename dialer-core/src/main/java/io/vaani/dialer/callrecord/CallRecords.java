package io.vaani.dialer.callrecord;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vaani.contracts.amqp.PoisonMessageException;
import io.vaani.contracts.messages.CallRecord;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.inject.Singleton;
import java.util.Arrays;

/**
 * Stores what the agent worker kept of a conversation (consumer of {@code dialer-core.call-records}):
 * its turns into chat_logs, its turn count, figures and recording key into the call log, in one
 * transaction. A redelivered record changes nothing. A record that can never be stored (no such
 * call log in its workspace, data PostgreSQL refuses) is dead-lettered rather than retried.
 */
@Singleton
public class CallRecords {
    private final Pool pool;

    CallRecords(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> save(CallRecord record) {
        return Uni.createFrom().deferred(() -> {
            TurnColumns turns = TurnColumns.of(record);
            Tuple values = Tuple.from(Arrays.asList(record.callLogId(), record.workspaceId(), TurnColumns.spokenTurns(record),
                    TurnColumns.metrics(record.metrics(), "call " + record.callLogId()), record.recordingKey(), turns.seq(),
                    turns.role(), turns.content(), turns.interrupted(), turns.startedAt(), turns.endedAt(), turns.metrics()));
            return pool.preparedQuery(CallRecordSql.SAVE).execute(values);
        })
                .onFailure(CallRecords::permanent).transform(e -> new PoisonMessageException(
                        "call " + record.callLogId() + ": record refused by PostgreSQL: " + e.getMessage(), e))
                .invoke(rows -> {
                    Row row = rows.iterator().next();
                    if (!row.getBoolean(0)) {
                        throw new PoisonMessageException("no call log " + record.callLogId() + " in workspace " + record.workspaceId());
                    }
                    Log.debugf("call %d: %d of %d turns stored", (Object) record.callLogId(), row.getInteger(1), record.turns().size());
                })
                .replaceWithVoid();
    }

    /** Data exceptions (class 22, e.g. a NUL character in text) and integrity violations (23) fail again on every retry. */
    private static boolean permanent(Throwable failure) {
        return failure instanceof PgException pg && pg.getSqlState() != null
                && (pg.getSqlState().startsWith("22") || pg.getSqlState().startsWith("23"));
    }
}
