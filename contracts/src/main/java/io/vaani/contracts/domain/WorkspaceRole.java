package io.vaani.contracts.domain;

/** Roles per workspace; each includes the ones before it. */
public enum WorkspaceRole {
    MEMBER, DEVELOPER, ADMIN;

    public boolean includes(WorkspaceRole other) {
        return compareTo(other) >= 0;
    }
}
