package io.vaani.api.prospectlist;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vaani.api.upload.LineError;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The bodies of the prospect list endpoints. */
public final class ProspectListDtos {
    private ProspectListDtos() {
    }

    @Schema(name = "ProspectList")
    public record ProspectList(UUID id, UUID campaignId, String name,
            @Schema(description = "Higher lists are dialed first", examples = "10") int priority, boolean active,
            @Schema(nullable = true) Instant expiresAt, @Schema(nullable = true) String fileName, int accepted, int rejected,
            int duplicates, @Schema(description = "Accepted prospects whose time zone is unknown: never dialed") int unknownZone,
            Instant createdAt, Instant updatedAt) {
    }

    @Schema(name = "ProspectListUpload", description = "What an upload did. errors holds the first 1000 rejected lines.")
    public record Upload(UUID listId, long accepted, long rejected, long duplicates, long unknownZone, List<LineError> errors) {
    }

    @Schema(name = "ProspectListChanges", description = "Fields to change; absent fields stay as they are")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ListChanges(@Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String name,
            @Min(-1000) @Max(1000) Integer priority, Boolean active,
            @Schema(description = "Prospects of the list are not dialed after this; an empty string clears it") String expiresAt) {
    }
}
