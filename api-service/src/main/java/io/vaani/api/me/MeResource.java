package io.vaani.api.me;

import io.smallrye.mutiny.Uni;
import io.vaani.api.auth.Caller;
import io.vaani.api.db.Rows;
import io.vaani.api.rbac.Access;
import io.vaani.api.rbac.CurrentCaller;
import io.vaani.api.rbac.Requires;
import io.vaani.contracts.domain.WorkspaceRole;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/me")
@Tag(name = "Identity")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {
    private static final String USER = "select id, email, name, superuser, created_at from users where id = $1";
    private static final String MEMBERSHIPS = """
            select w.id, w.slug, w.name, m.role from user_workspaces m join workspaces w on w.id = m.workspace_id
            where m.user_id = $1 order by w.created_at, w.id""";
    private static final String KEY = "select id, name, prefix, role, workspace_id from api_keys where id = $1";
    private static final String WORKSPACE = "select id, slug, name from workspaces where id = $1";

    private final Pool pool;
    private final CurrentCaller current;

    MeResource(Pool pool, CurrentCaller current) {
        this.pool = pool;
        this.current = current;
    }

    @GET
    @Requires(Access.CALLER)
    @Operation(summary = "The caller", description = "The signed-in user and their workspaces, or the workspace API key used.")
    public Uni<Me> me() {
        Caller caller = current.get().caller();
        Uni<Me.Key> key = caller.key().map(k -> pool.preparedQuery(KEY).execute(Tuple.of(k.keyId()))
                .map(rows -> Rows.first(rows).map(MeResource::key).orElse(null))).orElse(Uni.createFrom().nullItem());
        return key.chain(apiKey -> switch (caller) {
            case Caller.Person person -> pool.preparedQuery(USER).execute(Tuple.of(person.userId()))
                    .map(rows -> Rows.first(rows).orElseThrow())
                    .chain(user -> pool.preparedQuery(MEMBERSHIPS).execute(Tuple.of(person.userId()))
                            .map(rows -> new Me(user(user), apiKey, Rows.map(rows, MeResource::membership))));
            case Caller.ServiceKey service -> pool.preparedQuery(WORKSPACE).execute(Tuple.of(service.workspaceId()))
                    .map(rows -> new Me(null, apiKey, Rows.first(rows).map(w -> List.of(new Me.Membership(w.getUUID(0),
                            w.getString(1), w.getString(2), service.role()))).orElse(List.of())));
        });
    }

    private static Me.User user(Row row) {
        return new Me.User(row.getUUID(0), row.getString(1), row.getString(2), row.getBoolean(3), Rows.instant(row, "created_at"));
    }

    private static Me.Key key(Row row) {
        String role = row.getString(3);
        return new Me.Key(row.getUUID(0), row.getString(1), row.getString(2), role == null ? null : WorkspaceRole.valueOf(role),
                row.getUUID(4));
    }

    private static Me.Membership membership(Row row) {
        return new Me.Membership(row.getUUID(0), row.getString(1), row.getString(2), WorkspaceRole.valueOf(row.getString(3)));
    }
}
