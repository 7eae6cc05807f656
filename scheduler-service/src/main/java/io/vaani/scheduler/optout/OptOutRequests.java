package io.vaani.scheduler.optout;

import io.smallrye.mutiny.Uni;
import io.vaani.contracts.messages.CampaignChanged;
import io.vaani.contracts.messages.OptOutRequest;
import io.vaani.scheduler.lifecycle.Publisher;
import io.vaani.scheduler.metrics.SchedulerMetrics;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Singleton;
import java.util.List;

/** An opt-out asked for outside a call's outcome (by the agent's tool mid-call, or through the API), in its own transaction. */
@Singleton
public class OptOutRequests {
    private final Pool pool;
    private final OptOuts optOuts;
    private final Publisher publisher;
    private final SchedulerMetrics metrics;

    OptOutRequests(Pool pool, OptOuts optOuts, Publisher publisher, SchedulerMetrics metrics) {
        this.pool = pool;
        this.optOuts = optOuts;
        this.publisher = publisher;
        this.metrics = metrics;
    }

    public Uni<List<CampaignChanged>> request(OptOutRequest request) {
        String reason = request.callLogId() != null ? "opted out during call " + request.callLogId() : "opt-out request " + request.requestId();
        String source = request.source() == null ? "REQUEST" : request.source().toUpperCase();
        return pool.withTransaction(sql -> optOuts.record(sql, request.workspaceId(), request.phone(), source, reason))
                .call(publisher::publishAll).invoke(metrics::optOut);
    }
}
