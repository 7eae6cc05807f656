package io.vaani.api.apikey;

import io.vaani.contracts.domain.WorkspaceRole;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The bodies of the API key endpoints. Keys are never returned again after creation, nor their hashes ever. */
public final class ApiKeyDtos {
    private ApiKeyDtos() {
    }

    @Schema(name = "NewApiKey")
    public record NewApiKey(@NotBlank @Size(max = 200) @Schema(examples = "dashboard backend") String name,
            @NotNull @Schema(description = "At most the creator's own role") WorkspaceRole role,
            @Min(1) @Schema(description = "Requests per minute; the platform's default when absent", examples = "600")
            Integer rateLimitPerMinute) {
    }

    @Schema(name = "ApiKey")
    public record ApiKey(UUID id, String name, WorkspaceRole role, @Schema(examples = "vk_3xYb9Qe2") String prefix,
            @Schema(description = "Requests per minute; null means the platform's default") Integer rateLimitPerMinute,
            UUID createdBy, Instant createdAt, Instant lastUsedAt, Instant revokedAt) {
    }

    @Schema(name = "CreatedApiKey", description = "The key is shown only here: store it now")
    public record CreatedApiKey(UUID id, String name, WorkspaceRole role, String prefix, Integer rateLimitPerMinute,
            Instant createdAt, @Schema(examples = "vk_3xYb9Qe2Lm5Np8Rs1Tu4Vw7Xy0Za3Bc6De9Fg2Hi") String key) {
    }
}
