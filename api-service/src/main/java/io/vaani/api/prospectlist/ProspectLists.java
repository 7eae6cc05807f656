package io.vaani.api.prospectlist;

import static io.vaani.api.db.BlockingTransaction.SHORT;

import io.smallrye.mutiny.Uni;
import io.vaani.api.db.BlockingTransaction;
import io.vaani.api.db.Rows;
import io.vaani.api.paging.Cursor;
import io.vaani.api.paging.Page;
import io.vaani.api.paging.PageQuery;
import io.vaani.api.paging.QueryParams;
import io.vaani.api.problem.ProblemException;
import io.vaani.api.prospectlist.ProspectListDtos.ListChanges;
import io.vaani.api.prospectlist.ProspectListDtos.ProspectList;
import io.vaani.api.prospectlist.ProspectListDtos.Upload;
import io.vaani.api.prospectlist.ProspectUpload.Counts;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.UUID;

/** A campaign's prospect lists: each made from one uploaded file, in one transaction, so a list is whole or absent. */
@ApplicationScoped
class ProspectLists {
    private static final String COLUMNS = "id, campaign_id, name, priority, active, expires_at, file_name, accepted, rejected, "
            + "duplicates, unknown_zone, created_at, updated_at";
    private static final String CAMPAIGN = "select default_region from campaigns where workspace_id = $1 and id = $2 and not one_shot";
    private static final String CREATE = """
            insert into prospect_lists (id, workspace_id, campaign_id, name, priority, active, expires_at, file_name)
            values ($1, $2, $3, $4, $5, $6, $7, $8)""";
    private static final String COUNTED = """
            update prospect_lists set accepted = $2, rejected = $3, duplicates = $4, unknown_zone = $5, updated_at = now()
            where id = $1""";
    private static final String GET = "select " + COLUMNS + " from prospect_lists where workspace_id = $1 and campaign_id = $2 and id = $3";
    private static final String PAGE = "select " + COLUMNS + " from prospect_lists where workspace_id = $1 and campaign_id = $2 "
            + "and (created_at, id) > ($3, $4) order by created_at, id limit $5";
    private static final String CHANGE = """
            update prospect_lists set name = coalesce($4, name), priority = coalesce($5, priority), active = coalesce($6, active),
                expires_at = case when $7 then $8 else expires_at end, updated_at = now()
            where workspace_id = $1 and campaign_id = $2 and id = $3 returning\s""" + COLUMNS;

    /** What the form gave besides the file. */
    record Form(String name, int priority, boolean active, Instant expiresAt, String fileName) {
    }

    private final Pool pool;
    private final Clock clock;

    ProspectLists(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    /** Runs on a worker thread, awaiting each statement: the file is read as it is written. */
    Upload upload(UUID workspace, UUID campaign, Form form, InputStream file) throws IOException {
        String region = Rows.first(pool.preparedQuery(CAMPAIGN).execute(Tuple.of(workspace, campaign)).await().atMost(SHORT))
                .orElseThrow(() -> ProblemException.notFound("campaign " + campaign)).getString(0);
        UUID list = UUID.randomUUID();
        return BlockingTransaction.run(pool, sql -> {
            sql.preparedQuery(CREATE).execute(Tuple.from(Arrays.asList(list, workspace, campaign, form.name(), form.priority(),
                    form.active(), utc(form.expiresAt()), form.fileName()))).await().atMost(SHORT);
            Counts counts = new ProspectUpload(sql, workspace, campaign, list).write(file, region, clock);
            sql.preparedQuery(COUNTED).execute(Tuple.of(list, (int) counts.accepted(), (int) counts.rejected(),
                    (int) counts.duplicates(), (int) counts.unknownZone())).await().atMost(SHORT);
            return new Upload(list, counts.accepted(), counts.rejected(), counts.duplicates(), counts.unknownZone(), counts.errors());
        });
    }

    Uni<ProspectList> get(UUID workspace, UUID campaign, UUID id) {
        return pool.preparedQuery(GET).execute(Tuple.of(workspace, campaign, id))
                .map(rows -> list(Rows.first(rows).orElseThrow(() -> ProblemException.notFound("prospect list " + id))));
    }

    Uni<Page<ProspectList>> list(UUID workspace, UUID campaign, PageQuery page) {
        return pool.preparedQuery(PAGE).execute(Tuple.of(workspace, campaign, page.afterTime(), page.afterId(), page.fetch()))
                .map(rows -> Page.of(Rows.map(rows, ProspectLists::list), page, l -> Cursor.of(l.createdAt(), l.id())));
    }

    Uni<ProspectList> change(UUID workspace, UUID campaign, UUID id, ListChanges changes) {
        boolean expiry = changes.expiresAt() != null;
        Instant expiresAt = expiry && !changes.expiresAt().isBlank() ? QueryParams.instant("expiresAt", changes.expiresAt()) : null;
        return pool.preparedQuery(CHANGE).execute(Tuple.from(Arrays.asList(workspace, campaign, id,
                changes.name() == null ? null : changes.name().strip(), changes.priority(), changes.active(), expiry, utc(expiresAt))))
                .map(rows -> list(Rows.first(rows).orElseThrow(() -> ProblemException.notFound("prospect list " + id))));
    }

    private static OffsetDateTime utc(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }

    private static ProspectList list(Row row) {
        return new ProspectList(row.getUUID("id"), row.getUUID("campaign_id"), row.getString("name"), row.getInteger("priority"),
                row.getBoolean("active"), Rows.instant(row, "expires_at"), row.getString("file_name"), row.getInteger("accepted"),
                row.getInteger("rejected"), row.getInteger("duplicates"), row.getInteger("unknown_zone"),
                Rows.instant(row, "created_at"), Rows.instant(row, "updated_at"));
    }
}
