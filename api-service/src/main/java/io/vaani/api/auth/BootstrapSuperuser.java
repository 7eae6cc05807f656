package io.vaani.api.auth;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vaani.api.config.ApiConfig;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Singleton;

/**
 * Local mode without an OIDC provider: with {@code VAANI_BOOTSTRAP_API_KEY} set and no superuser
 * yet, creates a superuser and that key as its personal key. Idempotent and safe when several
 * replicas start at once (one transaction under an advisory lock); once any superuser exists it
 * does nothing, so the variable can stay set.
 */
@Singleton
class BootstrapSuperuser {
    private static final String LOCK = "select pg_advisory_xact_lock(hashtext('vaani:bootstrap-superuser'))";
    private static final String ANY_SUPERUSER = "select 1 from users where superuser and disabled_at is null limit 1";
    private static final String USER = """
            insert into users (email, name, superuser) values ($1, 'Bootstrap superuser', true)
            on conflict ((lower(email))) do update set superuser = true, disabled_at = null
            returning id""";
    private static final String KEY = """
            insert into api_keys (user_id, name, prefix, key_hash, created_by) values ($1, 'bootstrap', $2, $3, $1)
            on conflict (prefix) do nothing""";

    void create(@Observes Startup startup, ApiConfig config, Pool pool) {
        config.bootstrap().apiKey().filter(key -> !key.isBlank()).ifPresent(key -> {
            if (!Secrets.isApiKey(key)) {
                throw new IllegalStateException("VAANI_BOOTSTRAP_API_KEY must be vk_ followed by at least 20 letters, digits, "
                        + "'-' or '_' (for example: vk_$(openssl rand -hex 24))");
            }
            boolean created = pool.withTransaction(sql -> sql.query(LOCK).execute()
                    .chain(() -> sql.query(ANY_SUPERUSER).execute())
                    .chain(found -> found.size() > 0 ? Uni.createFrom().item(false)
                            : sql.preparedQuery(USER).execute(Tuple.of(config.bootstrap().email()))
                                    .map(rows -> rows.iterator().next().getUUID(0))
                                    .chain(user -> sql.preparedQuery(KEY).execute(Tuple.of(user, Secrets.prefix(key),
                                            Secrets.stored(key))))
                                    .replaceWith(true)))
                    .await().indefinitely();
            if (created) {
                Log.infof("bootstrap: created superuser %s with the API key %s...", config.bootstrap().email(), Secrets.prefix(key));
            }
        });
    }
}
