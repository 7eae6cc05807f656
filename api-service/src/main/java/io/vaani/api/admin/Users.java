package io.vaani.api.admin;

import io.smallrye.mutiny.Uni;
import io.vaani.api.admin.UserDtos.User;
import io.vaani.api.admin.UserDtos.UserChanges;
import io.vaani.api.db.Rows;
import io.vaani.api.paging.Cursor;
import io.vaani.api.paging.Page;
import io.vaani.api.paging.PageQuery;
import io.vaani.api.problem.ProblemException;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.UUID;

/** Every user of the platform. The platform always keeps an active superuser. */
@ApplicationScoped
class Users {
    private static final String COLUMNS = "id, email, name, superuser, disabled_at is not null as disabled, created_at, last_seen_at";
    private static final String PAGE = "select " + COLUMNS + " from users where ($1::text is null or lower(email) = lower($1)) "
            + "and (created_at, id) > ($2, $3) order by created_at, id limit $4";
    private static final String ACTIVE_SUPERUSERS = "select id from users where superuser and disabled_at is null for update";
    private static final String UPDATE = """
            update users set superuser = coalesce($2, superuser),
                   disabled_at = case when $3::boolean is null then disabled_at
                                      when $3 then coalesce(disabled_at, now()) else null end
            where id = $1 returning %s""".formatted(COLUMNS);

    private final Pool pool;

    Users(Pool pool) {
        this.pool = pool;
    }

    Uni<Page<User>> list(String email, PageQuery page) {
        return pool.preparedQuery(PAGE).execute(Tuple.of(email, page.afterTime(), page.afterId(), page.fetch()))
                .map(rows -> Page.of(Rows.map(rows, Users::user), page, u -> Cursor.of(u.createdAt(), u.id())));
    }

    Uni<User> update(UUID id, UserChanges changes) {
        boolean demotes = Boolean.FALSE.equals(changes.superuser()) || Boolean.TRUE.equals(changes.disabled());
        return pool.withTransaction(sql -> sql.preparedQuery(ACTIVE_SUPERUSERS).execute().chain(superusers -> {
            boolean isOne = Rows.map(superusers, row -> row.getUUID(0)).contains(id);
            if (demotes && isOne && superusers.size() == 1) {
                return Uni.createFrom().failure(ProblemException.conflict(
                        "the last active superuser cannot be demoted or disabled; make another user superuser first"));
            }
            return sql.preparedQuery(UPDATE).execute(Tuple.from(Arrays.asList(id, changes.superuser(), changes.disabled())))
                    .map(rows -> user(Rows.first(rows).orElseThrow(() -> ProblemException.notFound("user " + id))));
        }));
    }

    private static User user(Row row) {
        return new User(row.getUUID(0), row.getString(1), row.getString(2), row.getBoolean(3), row.getBoolean(4),
                Rows.instant(row, "created_at"), Rows.instant(row, "last_seen_at"));
    }
}
