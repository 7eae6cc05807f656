package io.vaani.api.workspace;

import io.smallrye.mutiny.Uni;
import io.vaani.api.auth.Caller;
import io.vaani.api.db.Rows;
import io.vaani.api.paging.Cursor;
import io.vaani.api.paging.Page;
import io.vaani.api.paging.PageQuery;
import io.vaani.api.problem.ProblemException;
import io.vaani.api.workspace.WorkspaceDtos.NewWorkspace;
import io.vaani.api.workspace.WorkspaceDtos.Workspace;
import io.vaani.api.workspace.WorkspaceDtos.WorkspaceChanges;
import io.vaani.contracts.domain.WorkspaceRole;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Workspaces: the tenants. Every other resource lives in exactly one. */
@ApplicationScoped
class Workspaces {
    private static final String COLUMNS = "w.id, w.slug, w.name, w.max_concurrency, w.created_at, w.updated_at";
    private static final String CREATE = """
            insert into workspaces (slug, name, max_concurrency) values ($1, $2, coalesce($3, 100))
            returning id, slug, name, max_concurrency, created_at, updated_at""";
    private static final String JOIN = "insert into user_workspaces (workspace_id, user_id, role) values ($1, $2, 'ADMIN')";
    private static final String MINE = "select " + COLUMNS + ", m.role from user_workspaces m join workspaces w on w.id = m.workspace_id "
            + "where m.user_id = $1 and (w.created_at, w.id) > ($2, $3) order by w.created_at, w.id limit $4";
    private static final String ALL = "select " + COLUMNS + ", 'ADMIN' from workspaces w "
            + "where (w.created_at, w.id) > ($1, $2) order by w.created_at, w.id limit $3";
    private static final String ONE = "select " + COLUMNS + " from workspaces w where w.id = $1";
    private static final String UPDATE = """
            update workspaces w set name = coalesce($2, name), max_concurrency = coalesce($3, max_concurrency), updated_at = now()
            where id = $1 returning id, slug, name, max_concurrency, created_at, updated_at""";
    private static final String LOCK = "select id from workspaces where id = $1 for update";
    private static final String RUNNING = "select count(*) from campaigns where workspace_id = $1 and status = 'RUNNING'";
    private static final String DELETE = "delete from workspaces where id = $1";

    private final Pool pool;

    Workspaces(Pool pool) {
        this.pool = pool;
    }

    /** The creator becomes the workspace's first admin. */
    Uni<Workspace> create(NewWorkspace body, UUID creator) {
        return pool.withTransaction(sql -> sql.preparedQuery(CREATE).execute(Tuple.of(body.slug(), body.name().strip(),
                body.maxConcurrency()))
                .map(rows -> rows.iterator().next())
                .call(row -> sql.preparedQuery(JOIN).execute(Tuple.of(row.getUUID(0), creator))))
                .map(row -> view(row, WorkspaceRole.ADMIN))
                .onFailure(e -> Rows.violates(e, "workspaces_slug_key"))
                .transform(e -> ProblemException.conflict("slug", "already taken"));
    }

    /** A user's workspaces; all of them for a superuser; a workspace key's own. */
    Uni<Page<Workspace>> list(Caller caller, PageQuery page) {
        return switch (caller) {
            case Caller.ServiceKey key -> get(key.workspaceId(), key.role())
                    .map(w -> new Page<>(page.first() ? List.of(w) : List.<Workspace>of(), null));
            case Caller.Person person when person.superuser() -> pool.preparedQuery(ALL)
                    .execute(Tuple.of(page.afterTime(), page.afterId(), page.fetch()))
                    .map(rows -> page(rows, page));
            case Caller.Person person -> pool.preparedQuery(MINE)
                    .execute(Tuple.of(person.userId(), page.afterTime(), page.afterId(), page.fetch()))
                    .map(rows -> page(rows, page));
        };
    }

    Uni<Workspace> get(UUID id, WorkspaceRole role) {
        return pool.preparedQuery(ONE).execute(Tuple.of(id))
                .map(rows -> view(Rows.first(rows).orElseThrow(() -> ProblemException.notFound("workspace " + id)), role));
    }

    Uni<Workspace> update(UUID id, WorkspaceChanges changes, WorkspaceRole role) {
        return pool.preparedQuery(UPDATE).execute(Tuple.from(Arrays.asList(id,
                changes.name() == null ? null : changes.name().strip(), changes.maxConcurrency())))
                .map(rows -> view(Rows.first(rows).orElseThrow(() -> ProblemException.notFound("workspace " + id)), role));
    }

    /** Everything in it goes too; refused while a campaign is running, whose calls would be cut. */
    Uni<Void> delete(UUID id) {
        return pool.withTransaction(sql -> sql.preparedQuery(LOCK).execute(Tuple.of(id))
                .chain(() -> sql.preparedQuery(RUNNING).execute(Tuple.of(id)))
                .chain(rows -> {
                    long running = rows.iterator().next().getLong(0);
                    if (running > 0) {
                        return Uni.createFrom().failure(ProblemException.conflict(
                                running + " campaign(s) of this workspace are running; stop them first"));
                    }
                    return sql.preparedQuery(DELETE).execute(Tuple.of(id)).replaceWithVoid();
                }));
    }

    private static Page<Workspace> page(RowSet<Row> rows, PageQuery page) {
        return Page.of(Rows.map(rows, row -> view(row, WorkspaceRole.valueOf(row.getString(6)))), page,
                w -> Cursor.of(w.createdAt(), w.id()));
    }

    private static Workspace view(Row row, WorkspaceRole role) {
        return new Workspace(row.getUUID(0), row.getString(1), row.getString(2), row.getInteger(3), role,
                Rows.instant(row, "created_at"), Rows.instant(row, "updated_at"));
    }
}
