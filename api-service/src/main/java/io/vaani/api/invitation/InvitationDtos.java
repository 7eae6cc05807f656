package io.vaani.api.invitation;

import io.vaani.contracts.domain.WorkspaceRole;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The bodies of the invitation endpoints. */
public final class InvitationDtos {
    private InvitationDtos() {
    }

    @Schema(name = "NewInvitation")
    public record NewInvitation(@NotBlank @Email @Size(max = 320) @Schema(examples = "grace@example.com") String email,
            @NotNull WorkspaceRole role) {
    }

    public enum Status {
        PENDING, ACCEPTED, REVOKED, EXPIRED
    }

    @Schema(name = "Invitation")
    public record Invitation(UUID id, String email, WorkspaceRole role, Status status, UUID invitedBy, Instant createdAt,
            Instant expiresAt, Instant acceptedAt) {
    }

    @Schema(name = "CreatedInvitation", description = "The token is shown only here: send it to the invitee")
    public record CreatedInvitation(UUID id, String email, WorkspaceRole role, Instant expiresAt,
            @Schema(examples = "vi_8kQ2xY7mN4pR1sT6uV9wZ3aB5cD0eF2gH4iJ6kL8") String token) {
    }

    @Schema(name = "AcceptedInvitation")
    public record Accepted(UUID workspaceId, String slug, String name, WorkspaceRole role) {
    }
}
