package io.vaani.api.apikey;

import io.smallrye.mutiny.Uni;
import io.vaani.api.apikey.ApiKeyDtos.ApiKey;
import io.vaani.api.apikey.ApiKeyDtos.CreatedApiKey;
import io.vaani.api.apikey.ApiKeyDtos.NewApiKey;
import io.vaani.api.auth.Secrets;
import io.vaani.api.db.Rows;
import io.vaani.api.paging.Cursor;
import io.vaani.api.paging.Page;
import io.vaani.api.paging.PageQuery;
import io.vaani.api.problem.ProblemException;
import io.vaani.contracts.domain.WorkspaceRole;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.UUID;

/** A workspace's API keys: created with a role, stored as a SHA-256 hash beside a visible prefix, revoked, never deleted. */
@ApplicationScoped
class ApiKeys {
    private static final String COLUMNS = "id, name, role, prefix, rate_limit_per_minute, created_by, created_at, last_used_at, revoked_at";
    private static final String CREATE = """
            insert into api_keys (workspace_id, role, name, prefix, key_hash, rate_limit_per_minute, created_by)
            values ($1, $2, $3, $4, $5, $6, $7) returning id, created_at""";
    private static final String PAGE = "select " + COLUMNS + " from api_keys where workspace_id = $1 "
            + "and (created_at, id) > ($2, $3) order by created_at, id limit $4";
    private static final String ROLE = "select role from api_keys where id = $2 and workspace_id = $1";
    private static final String REVOKE = "update api_keys set revoked_at = coalesce(revoked_at, now()) where id = $2 and workspace_id = $1";
    /** A fresh key's prefix colliding with another's is a 1 in 10^14 event; a few tries make it impossible. */
    private static final int TRIES = 3;

    private final Pool pool;

    ApiKeys(Pool pool) {
        this.pool = pool;
    }

    Uni<CreatedApiKey> create(UUID workspace, NewApiKey body, UUID creator) {
        return create(workspace, body, creator, TRIES);
    }

    private Uni<CreatedApiKey> create(UUID workspace, NewApiKey body, UUID creator, int tries) {
        String key = Secrets.generate("vk");
        String name = body.name().strip();
        return pool.preparedQuery(CREATE).execute(Tuple.from(Arrays.asList(workspace, body.role().name(), name,
                Secrets.prefix(key), Secrets.stored(key), body.rateLimitPerMinute(), creator)))
                .map(rows -> rows.iterator().next())
                .map(row -> new CreatedApiKey(row.getUUID(0), name, body.role(), Secrets.prefix(key), body.rateLimitPerMinute(),
                        Rows.instant(row, "created_at"), key))
                .onFailure(e -> tries > 1 && Rows.violates(e, "api_keys_prefix_key"))
                .recoverWithUni(() -> create(workspace, body, creator, tries - 1));
    }

    Uni<Page<ApiKey>> list(UUID workspace, PageQuery page) {
        return pool.preparedQuery(PAGE).execute(Tuple.of(workspace, page.afterTime(), page.afterId(), page.fetch()))
                .map(rows -> Page.of(Rows.map(rows, ApiKeys::apiKey), page, k -> Cursor.of(k.createdAt(), k.id())));
    }

    /** The key's role, so the caller's may be checked against it; 404 for a key of another workspace. */
    Uni<WorkspaceRole> role(UUID workspace, UUID key) {
        return pool.preparedQuery(ROLE).execute(Tuple.of(workspace, key)).map(rows -> WorkspaceRole.valueOf(Rows.first(rows)
                .orElseThrow(() -> ProblemException.notFound("API key " + key)).getString(0)));
    }

    /** Idempotent; the key fails from the next request on. */
    Uni<Void> revoke(UUID workspace, UUID key) {
        return pool.preparedQuery(REVOKE).execute(Tuple.of(workspace, key)).replaceWithVoid();
    }

    private static ApiKey apiKey(Row row) {
        return new ApiKey(row.getUUID(0), row.getString(1), WorkspaceRole.valueOf(row.getString(2)), row.getString(3),
                row.getInteger(4), row.getUUID(5), Rows.instant(row, "created_at"), Rows.instant(row, "last_used_at"),
                Rows.instant(row, "revoked_at"));
    }
}
