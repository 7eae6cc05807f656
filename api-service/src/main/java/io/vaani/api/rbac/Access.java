package io.vaani.api.rbac;

import io.vaani.contracts.domain.WorkspaceRole;
import java.util.Optional;

/** What an endpoint requires of its caller. */
public enum Access {
    /** No credentials: the endpoint authenticates the request itself (a signed webhook). */
    PUBLIC(null),
    /** Any authenticated caller. */
    CALLER(null),
    /** A role in the workspace of the path's {@code {workspaceId}}, or a superuser. */
    MEMBER(WorkspaceRole.MEMBER),
    DEVELOPER(WorkspaceRole.DEVELOPER),
    ADMIN(WorkspaceRole.ADMIN),
    /** A platform administrator (the user flag). */
    SUPERUSER(null);

    private final WorkspaceRole role;

    Access(WorkspaceRole role) {
        this.role = role;
    }

    /** The least role in the path's workspace, for the workspace levels. */
    public Optional<WorkspaceRole> workspaceRole() {
        return Optional.ofNullable(role);
    }
}
