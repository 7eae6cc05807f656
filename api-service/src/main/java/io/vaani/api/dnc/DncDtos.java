package io.vaani.api.dnc;

import io.vaani.api.upload.LineError;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The bodies of the do-not-call endpoints. */
public final class DncDtos {
    private DncDtos() {
    }

    @Schema(name = "DncAdd", description = "Numbers to block: E.164 (+14155550100), or a leading part ending in * (+1212* blocks area code 212)")
    public record DncAdd(@NotNull @Size(min = 1, max = 10000) List<@NotNull @Valid NewEntry> entries) {
    }

    @Schema(name = "DncNewEntry")
    public record NewEntry(@NotBlank @Size(max = 32) @Schema(examples = "+14155550100") String phone,
            @Size(max = 500) @Schema(examples = "asked not to be called") String reason) {
    }

    public enum Match {
        EXACT, PREFIX
    }

    @Schema(name = "DncEntry")
    public record DncEntry(long id, @Schema(description = "The number, or the prefix followed by *", examples = "+1212*") String phone,
            Match match, @Schema(description = "true for the platform's global list") boolean global,
            @Schema(examples = "API") String source, String reason, Instant createdAt) {
    }

    @Schema(name = "DncAdded")
    public record DncAdded(@Schema(description = "New entries") int added,
            @Schema(description = "Already on the list, or repeated in the request") int duplicates, int rejected,
            @Schema(description = "Rejected CSV lines") List<LineError> errors) {
    }
}
