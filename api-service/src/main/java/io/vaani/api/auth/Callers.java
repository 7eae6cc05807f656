package io.vaani.api.auth;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vaani.api.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The caller behind an authenticated identity: an API key's, or the user an OIDC token names (created on first sight). */
@ApplicationScoped
public class Callers {
    static final String ATTRIBUTE = "vaani.caller";

    private final OidcUsers users;

    Callers(OidcUsers users) {
        this.users = users;
    }

    public Uni<Caller> of(SecurityIdentity identity) {
        Caller caller = identity.getAttribute(ATTRIBUTE);
        if (caller != null) {
            return Uni.createFrom().item(caller);
        }
        if (identity.getPrincipal() instanceof JsonWebToken token) {
            return users.signIn(token);
        }
        return Uni.createFrom().failure(ProblemException.unauthorized("unsupported credentials"));
    }
}
