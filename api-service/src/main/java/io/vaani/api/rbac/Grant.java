package io.vaani.api.rbac;

import io.vaani.api.auth.Caller;
import io.vaani.api.problem.ProblemException;
import io.vaani.contracts.domain.WorkspaceRole;
import java.util.UUID;

/**
 * What {@link AccessFilter} established for this request: the caller and, on a workspace path,
 * their role there (ADMIN for a superuser). Immutable, so it can be used in any callback.
 */
public record Grant(Caller caller, WorkspaceRole role) {

    /** The signed-in person; a workspace API key cannot do what only a person can (own workspaces, accept invitations). */
    public Caller.Person person(String action) {
        if (caller instanceof Caller.Person person) {
            return person;
        }
        throw ProblemException.forbidden("a workspace API key cannot " + action + "; sign in as a user");
    }

    /** The user behind the request, or null for a workspace key. */
    public UUID userId() {
        return caller instanceof Caller.Person person ? person.userId() : null;
    }

    /** The caller's role is at least {@code least}. */
    public void require(WorkspaceRole least, String action) {
        if (!workspaceRole().includes(least)) {
            throw ProblemException.forbidden("only a workspace " + least.name().toLowerCase() + " may " + action);
        }
    }

    /** The caller may grant or manage {@code other}: never a role above their own. */
    public void mayHandle(WorkspaceRole other, String action) {
        if (!workspaceRole().includes(other)) {
            throw ProblemException.forbidden("a " + role.name().toLowerCase() + " cannot " + action + " of role "
                    + other.name().toLowerCase());
        }
    }

    public WorkspaceRole workspaceRole() {
        if (role == null) {
            throw new IllegalStateException("no workspace role: the endpoint does not require one");
        }
        return role;
    }
}
