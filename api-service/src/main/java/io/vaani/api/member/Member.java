package io.vaani.api.member;

import io.vaani.contracts.domain.WorkspaceRole;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A user's role in a workspace. */
@Schema(name = "Member")
public record Member(UUID userId, @Schema(examples = "ada@example.com") String email, String name, WorkspaceRole role,
        Instant joinedAt) {

    @Schema(name = "MemberChanges")
    public record Changes(@NotNull WorkspaceRole role) {
    }
}
