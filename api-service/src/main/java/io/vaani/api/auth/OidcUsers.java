package io.vaani.api.auth;

import io.smallrye.mutiny.Uni;
import io.vaani.api.problem.ProblemException;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonString;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Users of an OIDC provider, known by "issuer|subject" and created the first time they call. A
 * user who exists without a subject (created by an admin or the bootstrap) is linked to the
 * token's subject only when the provider vouches for the email ({@code email_verified}), so that a
 * provider that lets anyone claim any address cannot take over an account.
 */
@ApplicationScoped
class OidcUsers {
    private static final String FIND = """
            select id, email, superuser, disabled_at is not null,
                   last_seen_at is null or last_seen_at < now() - interval '1 minute'
            from users where subject = $1""";
    /** $1 id, $2 email, $3 name: the profile follows the provider, unless another user already has the email. */
    private static final String SEEN = """
            update users u set last_seen_at = now(), name = coalesce($3, u.name),
                   email = case when exists (select 1 from users o where lower(o.email) = lower($2) and o.id <> u.id)
                                then u.email else $2 end
            where u.id = $1""";
    private static final String CREATE = """
            insert into users (subject, email, name, last_seen_at) values ($1, $2, $3, now())
            on conflict do nothing
            returning id, email, superuser, false, false""";
    private static final String LINK = """
            update users set subject = $1, name = coalesce($3, name), last_seen_at = now()
            where lower(email) = lower($2) and subject is null
            returning id, email, superuser, disabled_at is not null, false""";

    private final Pool pool;

    OidcUsers(Pool pool) {
        this.pool = pool;
    }

    Uni<Caller> signIn(JsonWebToken token) {
        String subject = token.getIssuer() + "|" + token.getSubject();
        String email = email(token);
        String name = claim(token, "name");
        Tuple profile = Tuple.of(subject, email, name);
        return pool.preparedQuery(FIND).execute(Tuple.of(subject)).chain(found -> first(found)
                .map(row -> row.getBoolean(4) || !row.getString(1).equalsIgnoreCase(email)
                        ? pool.preparedQuery(SEEN).execute(Tuple.of(row.getUUID(0), email, name)).replaceWith(row)
                        : Uni.createFrom().item(row))
                .orElseGet(() -> pool.preparedQuery(CREATE).execute(profile).chain(created -> first(created)
                        .map(row -> Uni.createFrom().item(row))
                        .orElseGet(() -> existing(subject, profile, verified(token))))))
                .map(OidcUsers::caller);
    }

    /** The insert found a user: one created meanwhile by a concurrent first request, or one with the same email. */
    private Uni<Row> existing(String subject, Tuple profile, boolean emailVerified) {
        return pool.preparedQuery(FIND).execute(Tuple.of(subject)).chain(found -> first(found)
                .map(row -> Uni.createFrom().item(row))
                .orElseGet(() -> emailVerified
                        ? pool.preparedQuery(LINK).execute(profile).map(linked -> first(linked).orElseThrow(OidcUsers::taken))
                        : Uni.createFrom().failure(taken())));
    }

    private static Caller caller(Row row) {
        if (row.getBoolean(3)) {
            throw ProblemException.forbidden("user disabled");
        }
        return new Caller.Person(row.getUUID(0), row.getString(1), row.getBoolean(2), Optional.empty());
    }

    private static ProblemException taken() {
        return ProblemException.conflict("another account already uses this token's email; "
                + "it can be linked when the identity provider marks the email verified");
    }

    /** The email claim; providers without one often put the address in preferred_username or upn. */
    private static String email(JsonWebToken token) {
        for (String claim : new String[] { "email", "preferred_username", "upn" }) {
            String value = claim(token, claim);
            if (value != null && value.contains("@")) {
                return value.strip();
            }
        }
        throw ProblemException.forbidden("the token carries no email (claims email, preferred_username or upn)");
    }

    private static boolean verified(JsonWebToken token) {
        return Boolean.parseBoolean(claim(token, "email_verified"));
    }

    /** A claim as text: custom claims may arrive as JSON values rather than Java strings. */
    private static String claim(JsonWebToken token, String name) {
        Object value = token.getClaim(name);
        return switch (value) {
            case null -> null;
            case JsonString text -> text.getString();
            default -> value.toString();
        };
    }

    private static Optional<Row> first(RowSet<Row> rows) {
        return rows.iterator().hasNext() ? Optional.of(rows.iterator().next()) : Optional.empty();
    }
}
