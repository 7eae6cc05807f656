package io.vaani.api.batch;

import static io.vaani.api.db.BlockingTransaction.SHORT;

import io.smallrye.mutiny.Uni;
import io.vaani.api.batch.BatchDtos.Batch;
import io.vaani.api.batch.BatchDtos.BatchItem;
import io.vaani.api.batch.BatchDtos.BatchStatus;
import io.vaani.api.batch.BatchDtos.NewBatch;
import io.vaani.api.campaign.CampaignDtos.CampaignSpec;
import io.vaani.api.campaign.OneShotCampaigns;
import io.vaani.api.db.BlockingTransaction;
import io.vaani.api.db.Rows;
import io.vaani.api.upload.LineError;
import io.vaani.api.paging.Cursor;
import io.vaani.api.paging.Page;
import io.vaani.api.paging.PageQuery;
import io.vaani.api.problem.ProblemException;
import io.vaani.contracts.amqp.RabbitConnection;
import io.vaani.contracts.domain.Telephony;
import io.vaani.contracts.messages.BatchCommand;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Batch jobs: a one-shot campaign, the job and its items written in one transaction; then a
 * START command to the scheduler, which makes the items prospects and runs the campaign. Pause,
 * resume and cancel travel the same way, so one service owns a job's life.
 */
@ApplicationScoped
class Batches {
    private static final String COLUMNS = "id, name, agent_id, campaign_id, status, max_concurrency, total_items, final_items, "
            + "created_by, created_at, started_at, finished_at";
    private static final String CREATE = """
            insert into batch_jobs (id, workspace_id, agent_id, campaign_id, name, max_concurrency, created_by)
            values ($1, $2, $3, $4, $5, $6, $7)""";
    private static final String ITEMS = """
            insert into batch_items (batch_job_id, phone, tz, variables)
            select $1, p, z, v::jsonb from unnest($2::text[], $3::text[], $4::text[]) as t(p, z, v)""";
    private static final String GET = "select " + COLUMNS + " from batch_jobs where workspace_id = $1 and id = $2";
    private static final String PAGE = "select " + COLUMNS + " from batch_jobs where workspace_id = $1 and (created_at, id) > ($2, $3) "
            + "order by created_at, id limit $4";
    private static final String ITEM_PAGE = """
            select i.id, i.phone, i.variables, i.tz, i.status, i.outcome, i.call_log_id, i.attempts, i.error, i.created_at, i.updated_at
            from batch_items i join batch_jobs j on j.id = i.batch_job_id
            where j.workspace_id = $1 and i.batch_job_id = $2 and i.id > $3 order by i.id limit $4""";
    private static final Duration CONFIRM_WAIT = Duration.ofSeconds(10);
    private static final int BATCH = 1000;

    /** Which commands a job in each state accepts. */
    private static final Map<BatchCommand.Action, Set<BatchStatus>> FROM = Map.of(
            BatchCommand.Action.START, Set.of(BatchStatus.PENDING, BatchStatus.RUNNING),
            BatchCommand.Action.PAUSE, Set.of(BatchStatus.RUNNING),
            BatchCommand.Action.RESUME, Set.of(BatchStatus.PAUSED),
            BatchCommand.Action.CANCEL, Set.of(BatchStatus.PENDING, BatchStatus.RUNNING, BatchStatus.PAUSED));

    /** A number of the job, ready to store. */
    record Item(String phone, String timezone, Map<String, String> variables) {
    }

    /** Feeds a job's items to the writer; answers what it rejected. */
    @FunctionalInterface
    interface ItemSource {
        Rejections feed(ItemSink sink) throws IOException;
    }

    interface ItemSink {
        void add(Item item);
    }

    record Rejections(long rejected, List<LineError> errors) {
        static final Rejections NONE = new Rejections(0, List.of());
    }

    private final Pool pool;
    private final OneShotCampaigns campaigns;
    private final RabbitConnection rabbit;
    private final Clock clock;

    Batches(Pool pool, OneShotCampaigns campaigns, RabbitConnection rabbit, Clock clock) {
        this.pool = pool;
        this.campaigns = campaigns;
        this.rabbit = rabbit;
        this.clock = clock;
    }

    /** Runs on a worker thread, awaiting each statement. */
    BatchDtos.BatchCreated create(UUID workspace, NewBatch spec, ItemSource items, UUID creator) throws IOException {
        UUID job = UUID.randomUUID();
        long[] accepted = { 0 };
        Rejections rejections = BlockingTransaction.run(pool, sql -> {
            UUID campaign = campaigns.create(sql, workspace, UUID.randomUUID(), campaign(spec, job)).await().atMost(SHORT).id();
            sql.preparedQuery(CREATE).execute(Tuple.from(Arrays.asList(job, workspace, spec.agentId(), campaign,
                    spec.name().strip(), spec.maxConcurrency(), creator))).await().atMost(SHORT);
            List<Item> batch = new ArrayList<>(BATCH);
            Rejections rejected = items.feed(item -> {
                batch.add(item);
                accepted[0]++;
                if (batch.size() == BATCH) {
                    write(sql, job, batch);
                }
            });
            write(sql, job, batch);
            if (accepted[0] == 0) {
                throw ProblemException.invalid("items", "no valid number to call" + (rejected.rejected() > 0
                        ? " (" + rejected.rejected() + " rejected)" : ""));
            }
            return rejected;
        });
        send(workspace, job, BatchCommand.Action.START).await().atMost(SHORT);
        return new BatchDtos.BatchCreated(get(workspace, job).await().atMost(SHORT), accepted[0], rejections.rejected(),
                rejections.errors());
    }

    Uni<Batch> get(UUID workspace, UUID id) {
        return pool.preparedQuery(GET).execute(Tuple.of(workspace, id))
                .map(rows -> batch(Rows.first(rows).orElseThrow(() -> ProblemException.notFound("batch job " + id))));
    }

    Uni<Page<Batch>> list(UUID workspace, PageQuery page) {
        return pool.preparedQuery(PAGE).execute(Tuple.of(workspace, page.afterTime(), page.afterId(), page.fetch()))
                .map(rows -> Page.of(Rows.map(rows, Batches::batch), page, b -> Cursor.of(b.createdAt(), b.id())));
    }

    Uni<Page<BatchItem>> items(UUID workspace, UUID id, PageQuery page) {
        return get(workspace, id).chain(() -> pool.preparedQuery(ITEM_PAGE).execute(Tuple.of(workspace, id, page.afterSeq(false),
                page.fetch()))).map(rows -> Page.bySeq(Rows.map(rows, Batches::item), page, BatchItem::id));
    }

    /** Sends the command once the job's state allows it; the scheduler applies it (202). */
    Uni<Batch> command(UUID workspace, UUID id, BatchCommand.Action action) {
        return get(workspace, id).invoke(batch -> {
            if (!FROM.get(action).contains(batch.status())) {
                throw ProblemException.conflict("a " + batch.status().name().toLowerCase() + " batch job cannot "
                        + action.name().toLowerCase() + "; it can from " + FROM.get(action));
            }
        }).call(batch -> send(workspace, id, action));
    }

    private Uni<Void> send(UUID workspace, UUID job, BatchCommand.Action action) {
        BatchCommand command = new BatchCommand(BatchCommand.VERSION, UUID.randomUUID(), workspace, job, action, clock.instant());
        return Uni.createFrom().completionStage(rabbit.publishRetrying(command)).ifNoItem().after(CONFIRM_WAIT)
                .failWith(() -> ProblemException.of(Response.Status.SERVICE_UNAVAILABLE,
                        "the scheduler could not be told (RabbitMQ): send " + action.name().toLowerCase() + " again"));
    }

    private static CampaignSpec campaign(NewBatch spec, UUID job) {
        return new CampaignSpec("Batch: " + spec.name().strip(), "batch-" + job.toString().substring(0, 13).replace("-", ""),
                spec.agentId(), null, spec.telephony() == null ? Telephony.SIMULATOR : spec.telephony(), spec.sipTrunkId(),
                spec.callerId(), spec.defaultRegion(), null, null, null, null, null, null, spec.maxConcurrency(), null, null,
                spec.callingWindow(), null, spec.complianceProfile(), null, spec.maxAttempts(), null, null, null, null);
    }

    private static void write(SqlConnection sql, UUID job, List<Item> items) {
        if (items.isEmpty()) {
            return;
        }
        sql.preparedQuery(ITEMS).execute(Tuple.of(job, items.stream().map(Item::phone).toArray(String[]::new),
                items.stream().map(Item::timezone).toArray(String[]::new),
                items.stream().map(i -> new JsonObject(new LinkedHashMap<>(i.variables())).encode()).toArray(String[]::new)))
                .await().atMost(SHORT);
        items.clear();
    }

    private static Batch batch(Row row) {
        return new Batch(row.getUUID("id"), row.getString("name"), row.getUUID("agent_id"), row.getUUID("campaign_id"),
                BatchStatus.valueOf(row.getString("status")), row.getInteger("max_concurrency"), row.getInteger("total_items"),
                row.getInteger("final_items"), row.getUUID("created_by"), Rows.instant(row, "created_at"),
                Rows.instant(row, "started_at"), Rows.instant(row, "finished_at"));
    }

    private static BatchItem item(Row row) {
        return new BatchItem(row.getLong("id"), row.getString("phone"), row.getJsonObject("variables").getMap(), row.getString("tz"),
                row.getString("status"), row.getString("outcome"), row.getLong("call_log_id"), row.getInteger("attempts"),
                row.getString("error"), Rows.instant(row, "created_at"), Rows.instant(row, "updated_at"));
    }
}
