package io.vaani.api.invitation;

import io.smallrye.mutiny.Uni;
import io.vaani.api.auth.Caller;
import io.vaani.api.auth.Secrets;
import io.vaani.api.config.ApiConfig;
import io.vaani.api.db.Rows;
import io.vaani.api.invitation.InvitationDtos.Accepted;
import io.vaani.api.invitation.InvitationDtos.CreatedInvitation;
import io.vaani.api.invitation.InvitationDtos.Invitation;
import io.vaani.api.invitation.InvitationDtos.NewInvitation;
import io.vaani.api.invitation.InvitationDtos.Status;
import io.vaani.api.paging.Cursor;
import io.vaani.api.paging.Page;
import io.vaani.api.paging.PageQuery;
import io.vaani.api.problem.ProblemException;
import io.vaani.contracts.domain.WorkspaceRole;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.UUID;

/**
 * Invitations into a workspace: a one-time token for one email address and role. A new
 * invitation to the same address replaces the pending one.
 */
@ApplicationScoped
class Invitations {
    /** With the status as the database's clock sees it, the same clock that replaces and expires invitations. */
    private static final String COLUMNS = """
            id, email, role, invited_by, created_at, expires_at, accepted_at,
            case when accepted_at is not null then 'ACCEPTED' when revoked_at is not null then 'REVOKED'
                 when expires_at <= now() then 'EXPIRED' else 'PENDING' end as status""";
    private static final String IS_MEMBER = """
            select 1 from user_workspaces m join users u on u.id = m.user_id where m.workspace_id = $1 and lower(u.email) = lower($2)""";
    private static final String REPLACE = """
            update invitations set revoked_at = now()
            where workspace_id = $1 and lower(email) = lower($2) and accepted_at is null and revoked_at is null
              and expires_at > now()""";
    private static final String CREATE = """
            insert into invitations (workspace_id, email, role, token_hash, invited_by, expires_at)
            values ($1, $2, $3, $4, $5, now() + make_interval(secs => $6)) returning id, expires_at""";
    private static final String PAGE = "select " + COLUMNS + " from invitations where workspace_id = $1 "
            + "and (created_at, id) > ($2, $3) order by created_at, id limit $4";
    private static final String REVOKE = """
            update invitations set revoked_at = coalesce(revoked_at, now())
            where id = $2 and workspace_id = $1 and accepted_at is null returning id""";
    private static final String EXISTS = "select 1 from invitations where id = $2 and workspace_id = $1";
    private static final String TAKE = "select " + COLUMNS + ", workspace_id from invitations where token_hash = $1 for update";
    private static final String JOIN = """
            insert into user_workspaces (workspace_id, user_id, role) values ($1, $2, $3) on conflict do nothing returning 1""";
    private static final String ACCEPT = "update invitations set accepted_at = now(), accepted_by = $2 where id = $1";
    private static final String WORKSPACE = "select id, slug, name from workspaces where id = $1";

    private final Pool pool;
    private final ApiConfig config;

    Invitations(Pool pool, ApiConfig config) {
        this.pool = pool;
        this.config = config;
    }

    Uni<CreatedInvitation> create(UUID workspace, NewInvitation body, UUID invitedBy) {
        String email = body.email().strip();
        String token = Secrets.generate("vi");
        return pool.withTransaction(sql -> sql.preparedQuery(IS_MEMBER).execute(Tuple.of(workspace, email)).chain(member -> {
            if (member.size() > 0) {
                return Uni.createFrom().failure(ProblemException.conflict("email", "already a member of this workspace"));
            }
            return sql.preparedQuery(REPLACE).execute(Tuple.of(workspace, email))
                    .chain(() -> sql.preparedQuery(CREATE).execute(Tuple.from(Arrays.asList(workspace, email, body.role().name(),
                            Secrets.stored(token), invitedBy, config.invitationTtl().toSeconds()))))
                    .map(rows -> rows.iterator().next())
                    .map(row -> new CreatedInvitation(row.getUUID(0), email, body.role(), Rows.instant(row, "expires_at"), token));
        }));
    }

    Uni<Page<Invitation>> list(UUID workspace, PageQuery page) {
        return pool.preparedQuery(PAGE).execute(Tuple.of(workspace, page.afterTime(), page.afterId(), page.fetch()))
                .map(rows -> Page.of(Rows.map(rows, Invitations::invitation), page, i -> Cursor.of(i.createdAt(), i.id())));
    }

    /** Idempotent; an accepted invitation stays accepted (remove the member instead). */
    Uni<Void> revoke(UUID workspace, UUID invitation) {
        return pool.preparedQuery(REVOKE).execute(Tuple.of(workspace, invitation)).chain(rows -> rows.size() > 0
                ? Uni.createFrom().voidItem()
                : pool.preparedQuery(EXISTS).execute(Tuple.of(workspace, invitation)).map(found -> {
                    if (found.size() == 0) {
                        throw ProblemException.notFound("invitation " + invitation);
                    }
                    throw ProblemException.conflict("the invitation was accepted; remove the member instead");
                }));
    }

    /** The signed-in user joins with the invitation's role, if the invitation was sent to their email. */
    Uni<Accepted> accept(String token, Caller.Person user) {
        return pool.withTransaction(sql -> sql.preparedQuery(TAKE).execute(Tuple.of(Secrets.stored(token))).chain(rows -> {
            Row row = Rows.first(rows).orElseThrow(() -> ProblemException.notFound("invitation"));
            Invitation invitation = invitation(row);
            if (invitation.status() != Status.PENDING) {
                return Uni.createFrom().failure(ProblemException.of(Response.Status.GONE,
                        "the invitation is " + invitation.status().name().toLowerCase()));
            }
            if (!invitation.email().equalsIgnoreCase(user.email())) {
                return Uni.createFrom().failure(ProblemException.forbidden(
                        "the invitation was sent to another email address than the signed-in user's"));
            }
            UUID workspace = row.getUUID("workspace_id");
            return sql.preparedQuery(JOIN).execute(Tuple.of(workspace, user.userId(), invitation.role().name())).chain(joined -> {
                if (joined.size() == 0) {
                    return Uni.createFrom().failure(ProblemException.conflict("already a member of this workspace"));
                }
                return sql.preparedQuery(ACCEPT).execute(Tuple.of(invitation.id(), user.userId()))
                        .chain(() -> sql.preparedQuery(WORKSPACE).execute(Tuple.of(workspace)))
                        .map(w -> w.iterator().next())
                        .map(w -> new Accepted(w.getUUID(0), w.getString(1), w.getString(2), invitation.role()));
            });
        }));
    }

    private static Invitation invitation(Row row) {
        return new Invitation(row.getUUID(0), row.getString(1), WorkspaceRole.valueOf(row.getString(2)),
                Status.valueOf(row.getString("status")), row.getUUID(3), Rows.instant(row, "created_at"),
                Rows.instant(row, "expires_at"), Rows.instant(row, "accepted_at"));
    }
}
