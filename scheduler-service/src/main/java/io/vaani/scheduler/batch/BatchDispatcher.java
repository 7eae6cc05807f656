package io.vaani.scheduler.batch;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vaani.contracts.domain.CampaignStatus;
import io.vaani.contracts.messages.BatchCommand;
import io.vaani.contracts.messages.CampaignChanged;
import io.vaani.scheduler.config.SchedulerConfig;
import io.vaani.scheduler.lifecycle.Publisher;
import io.vaani.scheduler.metrics.SchedulerMetrics;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Runs batch jobs as one-shot campaigns through the ordinary pipeline (ticker, hopper, dialer):
 * start makes the job's items prospects of its campaign, chunk by chunk, and runs the campaign;
 * pause and resume pause and resume it; cancel stops it, cancels every item not in a call and
 * lets the calls in progress finish. Each command is idempotent: a redelivered start goes on
 * where the last one stopped.
 */
@Singleton
public class BatchDispatcher {
    private final Pool pool;
    private final BatchProgress progress;
    private final Publisher publisher;
    private final SchedulerConfig config;
    private final SchedulerMetrics metrics;

    BatchDispatcher(Pool pool, BatchProgress progress, Publisher publisher, SchedulerConfig config, SchedulerMetrics metrics) {
        this.pool = pool;
        this.progress = progress;
        this.publisher = publisher;
        this.config = config;
        this.metrics = metrics;
    }

    /** A locked job as a command finds it. */
    record Job(UUID id, String status, UUID workspace, UUID campaign, UUID list) {
    }

    public Uni<Void> handle(BatchCommand command) {
        List<CampaignChanged> notices = new ArrayList<>();
        Uni<Optional<Job>> done = pool.withTransaction(sql -> lock(sql, command.batchJobId()).chain(job -> job
                .map(j -> apply(sql, command.action(), j, notices).map(Optional::of))
                .orElseGet(() -> {
                    Log.warnf("batch command %s: no batch job %s", command.requestId(), command.batchJobId());
                    return Uni.createFrom().item(Optional.empty());
                })));
        return done.call(() -> publisher.publishAll(notices))
                .chain(job -> job.filter(j -> command.action() == BatchCommand.Action.START && j.status().equals("RUNNING"))
                        .map(this::expand).orElseGet(() -> Uni.createFrom().voidItem()));
    }

    private Uni<Optional<Job>> lock(SqlConnection sql, UUID id) {
        return sql.preparedQuery(BatchSql.LOCK).execute(Tuple.of(id)).map(rows -> {
            for (Row row : rows) {
                return Optional.of(new Job(id, row.getString(0), row.getUUID(1), row.getUUID(2), row.getUUID(3)));
            }
            return Optional.empty();
        });
    }

    /** The job's new state, its campaign's, and the notices to publish; a command the job's state does not allow changes nothing. */
    private Uni<Job> apply(SqlConnection sql, BatchCommand.Action action, Job job, List<CampaignChanged> notices) {
        return switch (action) {
            case START -> job.status().equals("PENDING") || job.status().equals("RUNNING")
                    ? list(sql, job).chain(list -> moveTo(sql, job, "RUNNING", CampaignStatus.RUNNING, notices)
                            .replaceWith(new Job(job.id(), "RUNNING", job.workspace(), job.campaign(), list)))
                    : ignored(action, job);
            case PAUSE -> job.status().equals("RUNNING") ? moveTo(sql, job, "PAUSED", CampaignStatus.PAUSED, notices) : ignored(action, job);
            case RESUME -> job.status().equals("PAUSED") ? moveTo(sql, job, "RUNNING", CampaignStatus.RUNNING, notices) : ignored(action, job);
            case CANCEL -> job.status().equals("CANCELLED") || job.status().equals("COMPLETED") ? ignored(action, job)
                    : moveTo(sql, job, "CANCELLED", CampaignStatus.STOPPED, notices).call(() -> cancelItems(sql, job));
        };
    }

    private Uni<UUID> list(SqlConnection sql, Job job) {
        return job.list() != null ? Uni.createFrom().item(job.list())
                : sql.preparedQuery(BatchSql.LIST).execute(Tuple.of(job.id())).map(rows -> rows.iterator().next().getUUID(0));
    }

    private Uni<Job> moveTo(SqlConnection sql, Job job, String jobStatus, CampaignStatus campaignStatus, List<CampaignChanged> notices) {
        return sql.preparedQuery(BatchSql.SET_STATUS).execute(Tuple.of(job.id(), jobStatus))
                .chain(() -> progress.campaignStatus(sql, job.campaign(), campaignStatus))
                .invoke(notice -> notice.ifPresent(notices::add))
                .replaceWith(new Job(job.id(), jobStatus, job.workspace(), job.campaign(), job.list()));
    }

    private Uni<Void> cancelItems(SqlConnection sql, Job job) {
        return sql.preparedQuery(BatchSql.EMPTY_HOPPER).execute(Tuple.of(job.campaign()))
                .chain(() -> sql.preparedQuery(BatchSql.CLOSE_PROSPECTS).execute(Tuple.of(job.campaign())))
                .chain(() -> sql.preparedQuery(BatchSql.CANCEL_ITEMS).execute(Tuple.of(job.id())))
                .map(rows -> rows.iterator().next().getLong(0).intValue())
                .chain(cancelled -> {
                    metrics.batchItems("CANCELLED", cancelled);
                    return cancelled == 0 ? Uni.createFrom().voidItem()
                            : progress.countFinal(sql, job.id(), cancelled).replaceWithVoid();
                });
    }

    private static Uni<Job> ignored(BatchCommand.Action action, Job job) {
        Log.infof("batch job %s is %s: %s changes nothing", job.id(), job.status(), action);
        return Uni.createFrom().item(job);
    }

    /** Items become prospects chunk by chunk, each chunk its own transaction, until none is left. */
    private Uni<Void> expand(Job job) {
        List<CampaignChanged> notices = new ArrayList<>();
        return pool.withTransaction(sql -> sql.preparedQuery(BatchSql.EXPAND).execute(Tuple.of(job.id(), config.batchChunk(),
                job.workspace(), job.campaign(), job.list())).chain(rows -> {
                    Row row = rows.iterator().next();
                    int taken = row.getLong(0).intValue();
                    int rejected = row.getLong(1).intValue();
                    metrics.batchItems("REJECTED", rejected);
                    // Counted even when nothing was rejected: a job whose items are all final completes here.
                    return progress.countFinal(sql, job.id(), rejected).invoke(notice -> notice.ifPresent(notices::add)).replaceWith(taken);
                }))
                .call(() -> publisher.publishAll(notices))
                .chain(taken -> taken < config.batchChunk() ? Uni.createFrom().voidItem() : expand(job));
    }
}
