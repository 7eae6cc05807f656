package io.vaani.scheduler.outcome;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vaani.contracts.messages.RetryRequest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
import java.time.ZoneOffset;

/**
 * An operator's "try this prospect again, not before T": the prospect returns to the pool if it is
 * not in a call, not on a do-not-call list, has attempts left and is not a finished batch item.
 */
@Singleton
public class OperatorRetries {
    /** $1 prospect, $2 campaign, $3 not before. */
    static final String RETRY = """
            update prospects p set status = case when p.attempts = 0 then 'NEW' else 'RETRY_WAIT' end, next_attempt_at = $3,
                   updated_at = now()
            from campaigns c
            where p.id = $1 and p.campaign_id = $2 and c.id = p.campaign_id
              and p.status in ('NEW', 'RETRY_WAIT', 'CALLBACK', 'COMPLETED', 'DONE') and p.attempts < c.max_attempts
              and not exists (select 1 from batch_items b where b.prospect_id = p.id and b.status in ('DONE', 'CANCELLED'))""";

    private final Pool pool;

    OperatorRetries(Pool pool) {
        this.pool = pool;
    }

    /** Whether the prospect was made dialable again. */
    public Uni<Boolean> request(RetryRequest request) {
        return pool.preparedQuery(RETRY).execute(Tuple.of(request.prospectId(), request.campaignId(),
                request.notBefore().atOffset(ZoneOffset.UTC))).map(rows -> rows.rowCount() == 1).invoke(done -> {
                    if (!done) {
                        Log.warnf("retry request %s: prospect %d not retried (in a call, do-not-call, no attempts left, "
                                + "a finished batch item, or gone)", request.requestId(), request.prospectId());
                    }
                });
    }
}
