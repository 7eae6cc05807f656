package io.vaani.api.prospect;

import io.vaani.contracts.domain.ProspectStatus;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Prospect")
public record Prospect(long id, UUID campaignId, UUID listId, @Schema(examples = "+14155550123") String phone, String firstName,
        String lastName, @Schema(description = "IANA zone; null when unknown (never dialed)", examples = "America/New_York") String timezone,
        String state, String postalCode, Map<String, Object> variables, ProspectStatus status, int attempts,
        @Schema(description = "Not dialed before this") Instant nextAttemptAt, @Schema(nullable = true) String lastOutcome,
        @Schema(nullable = true) Long lastCallId, Instant createdAt, Instant updatedAt) {
}
