package io.vaani.api.workspace;

import io.vaani.api.validation.Formats;
import io.vaani.contracts.domain.WorkspaceRole;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The bodies of the workspace endpoints. */
public final class WorkspaceDtos {
    private WorkspaceDtos() {
    }

    @Schema(name = "NewWorkspace")
    public record NewWorkspace(
            @NotBlank @Pattern(regexp = Formats.SLUG, message = Formats.SLUG_MESSAGE)
            @Schema(examples = "acme-sales") String slug,
            @NotBlank @Size(max = 200) @Schema(examples = "Acme Sales") String name,
            @Min(1) @Max(100000) @Schema(description = "Concurrent calls across all campaigns (default 100)", examples = "50")
            Integer maxConcurrency) {
    }

    @Schema(name = "WorkspaceChanges", description = "Fields to change; absent fields stay as they are")
    public record WorkspaceChanges(
            @Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String name,
            @Min(1) @Max(100000) Integer maxConcurrency) {
    }

    @Schema(name = "Workspace")
    public record Workspace(UUID id, @Schema(examples = "acme-sales") String slug, @Schema(examples = "Acme Sales") String name,
            @Schema(examples = "100") int maxConcurrency,
            @Schema(description = "The caller's role here (admin for a superuser)") WorkspaceRole role,
            Instant createdAt, Instant updatedAt) {
    }
}
