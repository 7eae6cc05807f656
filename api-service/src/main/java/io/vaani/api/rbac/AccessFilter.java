package io.vaani.api.rbac;

import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vaani.api.auth.Caller;
import io.vaani.api.auth.Callers;
import io.vaani.api.problem.ProblemException;
import io.vaani.api.ratelimit.RateLimiter;
import io.vaani.contracts.domain.WorkspaceRole;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import java.lang.reflect.Method;
import java.util.Optional;
import java.util.UUID;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Authenticates, rate-limits and authorises every request to an endpoint marked {@link Requires},
 * in that order: no credentials or bad ones answer 401; a workspace the caller has no role in
 * answers 404, exactly as one that does not exist, so ids of other tenants cannot be probed; too
 * small a role answers 403.
 */
public class AccessFilter {
    private final CurrentIdentityAssociation identities;
    private final Callers callers;
    private final WorkspaceRoles roles;
    private final RateLimiter limiter;
    private final CurrentCaller current;

    AccessFilter(CurrentIdentityAssociation identities, Callers callers, WorkspaceRoles roles, RateLimiter limiter,
            CurrentCaller current) {
        this.identities = identities;
        this.callers = callers;
        this.roles = roles;
        this.limiter = limiter;
        this.current = current;
    }

    @ServerRequestFilter
    public Uni<Void> authorize(ContainerRequestContext request, ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return Uni.createFrom().voidItem();
        }
        Requires requires = requirement(method);
        if (requires == null) {
            if (request.getUriInfo().getPath().startsWith("/v1")) {
                Log.errorf("%s.%s has no @Requires: refused", method.getDeclaringClass().getSimpleName(), method.getName());
                return Uni.createFrom().failure(ProblemException.forbidden("this endpoint declares no access rule"));
            }
            return Uni.createFrom().voidItem();
        }
        if (requires.value() == Access.PUBLIC) {
            return Uni.createFrom().voidItem();
        }
        return identities.getDeferredIdentity()
                .onFailure(AuthenticationFailedException.class)
                .transform(e -> ProblemException.unauthorized(reason(e)))
                .chain(this::caller)
                .call(caller -> caller.key().map(limiter::acquire).orElse(Uni.createFrom().voidItem()))
                .chain(caller -> authorize(caller, requires.value(), request))
                .invoke(current::set)
                .replaceWithVoid();
    }

    private Uni<Caller> caller(SecurityIdentity identity) {
        if (identity.isAnonymous()) {
            return Uni.createFrom().failure(ProblemException.unauthorized(
                    "authentication required: Authorization: Bearer <OIDC access token or vk_ API key>"));
        }
        return callers.of(identity);
    }

    private Uni<Grant> authorize(Caller caller, Access access, ContainerRequestContext request) {
        if (access == Access.CALLER) {
            return Uni.createFrom().item(new Grant(caller, null));
        }
        if (access == Access.SUPERUSER) {
            if (caller instanceof Caller.Person person && person.superuser()) {
                return Uni.createFrom().item(new Grant(caller, null));
            }
            return Uni.createFrom().failure(ProblemException.forbidden("platform administration requires a superuser"));
        }
        WorkspaceRole least = access.workspaceRole().orElseThrow();
        UUID workspace = workspaceId(request);
        return roles.of(caller, workspace).map(role -> {
            WorkspaceRole granted = role.orElseThrow(() -> ProblemException.notFound("workspace " + workspace));
            if (!granted.includes(least)) {
                throw ProblemException.forbidden("requires the role " + least.name().toLowerCase() + " in this workspace; "
                        + "the caller is " + granted.name().toLowerCase());
            }
            return new Grant(caller, granted);
        });
    }

    private static UUID workspaceId(ContainerRequestContext request) {
        String id = request.getUriInfo().getPathParameters().getFirst("workspaceId");
        try {
            return UUID.fromString(Optional.ofNullable(id).orElseThrow());
        } catch (RuntimeException e) {
            throw ProblemException.notFound("workspace " + id);
        }
    }

    private static Requires requirement(Method method) {
        Requires onMethod = method.getAnnotation(Requires.class);
        return onMethod != null ? onMethod : method.getDeclaringClass().getAnnotation(Requires.class);
    }

    private static String reason(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? "invalid credentials" : "invalid credentials: " + message;
    }
}
