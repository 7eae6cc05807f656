package io.vaani.api.admin;

import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The bodies of the platform administration endpoints. */
public final class UserDtos {
    private UserDtos() {
    }

    @Schema(name = "User")
    public record User(UUID id, @Schema(examples = "ada@example.com") String email, String name, boolean superuser,
            boolean disabled, Instant createdAt, Instant lastSeenAt) {
    }

    @Schema(name = "UserChanges", description = "Fields to change; absent fields stay as they are")
    public record UserChanges(Boolean superuser,
            @Schema(description = "A disabled user is refused on every request, with any token or key") Boolean disabled) {
    }
}
