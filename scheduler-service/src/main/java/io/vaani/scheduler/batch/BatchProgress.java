package io.vaani.scheduler.batch;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vaani.contracts.domain.CampaignStatus;
import io.vaani.contracts.messages.CampaignChanged;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Keeps batch items in step with their prospects, inside the transaction that moves the prospects:
 * an item is DONE with its outcome when its prospect's state is final, PENDING while it waits for
 * another attempt. A job whose items are all final completes, and so does its one-shot campaign.
 */
@Singleton
public class BatchProgress {
    private final Clock clock;

    BatchProgress(Clock clock) {
        this.clock = clock;
    }

    /** $1 prospects, $2 final, $3 outcome, $4 call log. Returns per job the items that became final. */
    static final String FOLLOW_PROSPECTS = """
            with items as (
                update batch_items b set status = case when $2 then 'DONE' else 'PENDING' end, outcome = coalesce($3, b.outcome),
                       call_log_id = coalesce($4, b.call_log_id), attempts = p.attempts, updated_at = now()
                from prospects p
                where b.prospect_id = any($1) and p.id = b.prospect_id and b.status in ('PENDING', 'QUEUED', 'DIALING')
                returning b.batch_job_id, b.status
            )
            select batch_job_id, count(*) filter (where status = 'DONE') from items group by batch_job_id""";

    /** $1 job, $2 items that became final. Returns the campaign to complete when this made the job complete. */
    static final String COUNT_FINAL = """
            with old as (select id, status from batch_jobs where id = $1 for update)
            update batch_jobs j set final_items = j.final_items + $2,
                   status = case when old.status in ('RUNNING', 'PAUSED') and j.final_items + $2 >= j.total_items
                                 then 'COMPLETED' else j.status end,
                   finished_at = case when old.status in ('RUNNING', 'PAUSED') and j.final_items + $2 >= j.total_items
                                      then now() else j.finished_at end
            from old where j.id = old.id
            returning j.campaign_id, old.status <> j.status""";

    /** $1 campaign, $2 status. Returns what a campaign.changed notice needs. */
    static final String CAMPAIGN_STATUS = """
            update campaigns set status = $2, updated_at = now(),
                   started_at = case when $2 = 'RUNNING' then coalesce(started_at, now()) else started_at end,
                   stopped_at = case when $2 in ('STOPPED', 'COMPLETED') then now() else stopped_at end
            where id = $1 and status <> $2
            returning id, workspace_id, slug""";

    /** The batch items of these prospects follow them; returns the notices of campaigns that completed. */
    public Uni<List<CampaignChanged>> follow(SqlConnection sql, Long[] prospects, boolean terminal, String outcome, Long callLogId) {
        return sql.preparedQuery(FOLLOW_PROSPECTS).execute(Tuple.from(Arrays.asList(prospects, terminal, outcome, callLogId)))
                .chain(rows -> {
                    List<Uni<Optional<CampaignChanged>>> jobs = new ArrayList<>();
                    for (Row row : rows) {
                        int finished = row.getLong(1).intValue();
                        if (finished > 0) {
                            jobs.add(countFinal(sql, row.getUUID(0), finished));
                        }
                    }
                    return sequence(jobs);
                });
    }

    /** Adds items that became final to their job; completes job and campaign when none is left open. */
    public Uni<Optional<CampaignChanged>> countFinal(SqlConnection sql, UUID job, int finished) {
        return sql.preparedQuery(COUNT_FINAL).execute(Tuple.of(job, finished)).chain(rows -> {
            Row row = rows.iterator().hasNext() ? rows.iterator().next() : null;
            return row != null && row.getBoolean(1)
                    ? campaignStatus(sql, row.getUUID(0), CampaignStatus.COMPLETED)
                    : Uni.createFrom().item(Optional.<CampaignChanged>empty());
        });
    }

    /** Moves a campaign to {@code status}; the notice to publish once committed, empty when it already was. */
    public Uni<Optional<CampaignChanged>> campaignStatus(SqlConnection sql, UUID campaign, CampaignStatus status) {
        return sql.preparedQuery(CAMPAIGN_STATUS).execute(Tuple.of(campaign, status.name())).map(rows -> {
            for (Row row : rows) {
                return Optional.of(CampaignChanged.of(row.getUUID(0), row.getUUID(1), row.getString(2), status,
                        CampaignChanged.Change.STATUS, clock.instant()));
            }
            return Optional.empty();
        });
    }

    /** Runs the statements one after the other on the transaction's connection. */
    static Uni<List<CampaignChanged>> sequence(List<Uni<Optional<CampaignChanged>>> steps) {
        return Multi.createFrom().iterable(steps).onItem().transformToUniAndConcatenate(step -> step)
                .filter(Optional::isPresent).map(Optional::get).collect().asList();
    }
}
