package io.vaani.api.me;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vaani.contracts.domain.WorkspaceRole;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The caller: a user with their workspaces, or a workspace API key. */
@Schema(name = "Me")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Me(
        @Schema(description = "The signed-in user; absent for a workspace API key") User user,
        @Schema(description = "The API key the request presented, if any") Key apiKey,
        @Schema(description = "The workspaces the caller has a role in") List<Membership> workspaces) {

    @Schema(name = "MeUser")
    public record User(UUID id, @Schema(examples = "ada@example.com") String email, String name, boolean superuser,
            Instant createdAt) {
    }

    @Schema(name = "MeApiKey")
    public record Key(UUID id, String name, @Schema(examples = "vk_3xYb9Qe2") String prefix, WorkspaceRole role,
            UUID workspaceId) {
    }

    @Schema(name = "Membership")
    public record Membership(UUID workspaceId, @Schema(examples = "acme") String slug, String name, WorkspaceRole role) {
    }
}
