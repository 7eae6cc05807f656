package io.vaani.api.member;

import io.smallrye.mutiny.Uni;
import io.vaani.api.db.Rows;
import io.vaani.api.paging.Cursor;
import io.vaani.api.paging.Page;
import io.vaani.api.paging.PageQuery;
import io.vaani.api.problem.ProblemException;
import io.vaani.contracts.domain.WorkspaceRole;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import java.util.function.Function;

/**
 * Who belongs to a workspace. A workspace always keeps an admin: demoting or removing its last one
 * is refused. The check locks every admin row of the workspace, so two admins demoting each
 * other at once cannot both succeed.
 */
@ApplicationScoped
class Members {
    private static final String PAGE = """
            select u.id, u.email, u.name, m.role, m.created_at from user_workspaces m join users u on u.id = m.user_id
            where m.workspace_id = $1 and (m.created_at, m.user_id) > ($2, $3) order by m.created_at, m.user_id limit $4""";
    private static final String ADMINS = "select user_id from user_workspaces where workspace_id = $1 and role = 'ADMIN' for update";
    private static final String TARGET = "select role from user_workspaces where workspace_id = $1 and user_id = $2 for update";
    private static final String UPDATE = """
            with m as (update user_workspaces set role = $3 where workspace_id = $1 and user_id = $2 returning *)
            select u.id, u.email, u.name, m.role, m.created_at from m join users u on u.id = m.user_id""";
    private static final String DELETE = "delete from user_workspaces where workspace_id = $1 and user_id = $2";

    private final Pool pool;

    Members(Pool pool) {
        this.pool = pool;
    }

    Uni<Page<Member>> list(UUID workspace, PageQuery page) {
        return pool.preparedQuery(PAGE).execute(Tuple.of(workspace, page.afterTime(), page.afterId(), page.fetch()))
                .map(rows -> Page.of(Rows.map(rows, Members::member), page, m -> Cursor.of(m.joinedAt(), m.userId())));
    }

    Uni<Member> changeRole(UUID workspace, UUID user, WorkspaceRole role) {
        return guarded(workspace, user, role != WorkspaceRole.ADMIN, "demoted", sql -> sql.preparedQuery(UPDATE)
                .execute(Tuple.of(workspace, user, role.name())).map(rows -> member(rows.iterator().next())));
    }

    Uni<Void> remove(UUID workspace, UUID user) {
        return guarded(workspace, user, true, "removed",
                sql -> sql.preparedQuery(DELETE).execute(Tuple.of(workspace, user)).replaceWithVoid());
    }

    /** Runs {@code change} unless it would take away the workspace's last admin. */
    private <T> Uni<T> guarded(UUID workspace, UUID user, boolean losesAdmin, String verb, Function<SqlConnection, Uni<T>> change) {
        return pool.withTransaction(sql -> sql.preparedQuery(ADMINS).execute(Tuple.of(workspace))
                .chain(admins -> sql.preparedQuery(TARGET).execute(Tuple.of(workspace, user)).chain(target -> {
                    Row row = Rows.first(target).orElseThrow(() -> ProblemException.notFound("member " + user));
                    if (losesAdmin && row.getString(0).equals("ADMIN") && admins.size() == 1) {
                        return Uni.createFrom().failure(ProblemException.conflict(
                                "the last admin of a workspace cannot be " + verb + "; make another member admin first"));
                    }
                    return change.apply(sql);
                })));
    }

    private static Member member(Row row) {
        return new Member(row.getUUID(0), row.getString(1), row.getString(2), WorkspaceRole.valueOf(row.getString(3)),
                Rows.instant(row, "created_at"));
    }
}
