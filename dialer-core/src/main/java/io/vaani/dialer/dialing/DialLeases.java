package io.vaani.dialer.dialing;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.ZoneOffset;

/** The lease a DIALING prospect holds while its call goes on. */
@Singleton
public class DialLeases {
    static final String EXTEND = """
            update prospects set lease_until = greatest(lease_until, $3)
            where id = $1 and last_call_log_id = $2 and status = 'DIALING'""";

    private final Pool pool;

    DialLeases(Pool pool) {
        this.pool = pool;
    }

    /** Extends the lease of the prospect of call {@code callLogId} to at least {@code until}. */
    public Uni<Void> extend(long prospectId, long callLogId, Instant until) {
        return pool.preparedQuery(EXTEND).execute(Tuple.of(prospectId, callLogId, until.atOffset(ZoneOffset.UTC))).replaceWithVoid();
    }
}
