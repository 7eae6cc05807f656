package io.vaani.api.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vaani.api.config.ApiConfig;
import io.vaani.contracts.domain.WorkspaceRole;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/**
 * Checks a presented API key against its stored hash on every request, so that a revoked key fails
 * at once, and records when it was last used (at most once a minute, to keep requests read-only).
 */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyRequest> {
    private static final String FIND = """
            select k.id, k.key_hash, k.workspace_id, k.role, k.revoked_at is not null, k.rate_limit_per_minute,
                   k.last_used_at is null or k.last_used_at < now() - interval '1 minute',
                   u.id, u.email, u.superuser, u.disabled_at is not null
            from api_keys k left join users u on u.id = k.user_id
            where k.prefix = $1""";
    private static final String USED = "update api_keys set last_used_at = now() where id = $1";

    private final Pool pool;
    private final ApiConfig config;

    ApiKeyIdentityProvider(Pool pool, ApiConfig config) {
        this.pool = pool;
        this.config = config;
    }

    @Override
    public Class<ApiKeyRequest> getRequestType() {
        return ApiKeyRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiKeyRequest request, AuthenticationRequestContext context) {
        String key = request.key();
        if (!Secrets.isApiKey(key)) {
            return Uni.createFrom().failure(new AuthenticationFailedException("malformed API key"));
        }
        return pool.preparedQuery(FIND).execute(Tuple.of(Secrets.prefix(key))).chain(rows -> {
            Row row = rows.iterator().hasNext() ? rows.iterator().next() : null;
            if (row == null || !Secrets.matches(key, row.getBuffer(1).getBytes())) {
                return Uni.createFrom().failure(new AuthenticationFailedException("unknown API key"));
            }
            if (row.getBoolean(4)) {
                return Uni.createFrom().failure(new AuthenticationFailedException("API key revoked"));
            }
            Caller caller = caller(row);
            Uni<Void> used = row.getBoolean(6)
                    ? pool.preparedQuery(USED).execute(Tuple.of(row.getUUID(0))).replaceWithVoid()
                    : Uni.createFrom().voidItem();
            return used.replaceWith(identity(row.getUUID(0), caller));
        });
    }

    private Caller caller(Row row) {
        Integer own = row.getInteger(5);
        Caller.KeyUse use = new Caller.KeyUse(row.getUUID(0), own != null ? own : config.rateLimit().perMinute());
        UUID workspace = row.getUUID(2);
        if (workspace != null) {
            return new Caller.ServiceKey(workspace, WorkspaceRole.valueOf(row.getString(3)), use);
        }
        if (row.getBoolean(10)) {
            throw new AuthenticationFailedException("user disabled");
        }
        return new Caller.Person(row.getUUID(7), row.getString(8), row.getBoolean(9), Optional.of(use));
    }

    private static SecurityIdentity identity(UUID keyId, Caller caller) {
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal("api-key:" + keyId))
                .addAttribute(Callers.ATTRIBUTE, caller).build();
    }
}
