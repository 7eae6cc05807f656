package io.vaani.api.rbac;

import io.smallrye.mutiny.Uni;
import io.vaani.api.auth.Caller;
import io.vaani.contracts.domain.WorkspaceRole;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/** A caller's role in a workspace, read on every request (a primary-key lookup) so that changes apply at once. */
@ApplicationScoped
class WorkspaceRoles {
    private static final String MEMBERSHIP = "select role from user_workspaces where workspace_id = $1 and user_id = $2";
    private static final String EXISTS = "select 1 from workspaces where id = $1";

    private final Pool pool;

    WorkspaceRoles(Pool pool) {
        this.pool = pool;
    }

    /** Empty when the caller has no access to the workspace, or it does not exist: both answer 404. */
    Uni<Optional<WorkspaceRole>> of(Caller caller, UUID workspace) {
        return switch (caller) {
            case Caller.ServiceKey key -> Uni.createFrom().item(key.workspaceId().equals(workspace)
                    ? Optional.of(key.role()) : Optional.<WorkspaceRole>empty());
            case Caller.Person person when person.superuser() -> pool.preparedQuery(EXISTS).execute(Tuple.of(workspace))
                    .map(rows -> rows.size() > 0 ? Optional.of(WorkspaceRole.ADMIN) : Optional.<WorkspaceRole>empty());
            case Caller.Person person -> pool.preparedQuery(MEMBERSHIP).execute(Tuple.of(workspace, person.userId()))
                    .map(rows -> rows.size() > 0 ? Optional.of(WorkspaceRole.valueOf(rows.iterator().next().getString(0)))
                            : Optional.<WorkspaceRole>empty());
        };
    }
}
