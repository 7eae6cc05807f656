package io.vaani.api.batch;

import io.vaani.api.campaign.CampaignDtos.Hours;
import io.vaani.api.upload.LineError;
import io.vaani.api.validation.Formats;
import io.vaani.contracts.domain.ComplianceProfile;
import io.vaani.contracts.domain.Telephony;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The bodies of the batch job endpoints. */
public final class BatchDtos {
    private BatchDtos() {
    }

    /** A batch job: its agent, how many calls at once, when, and (JSON only) its numbers. */
    @Schema(name = "NewBatch")
    public record NewBatch(@NotBlank @Size(max = 200) @Schema(examples = "Payment reminders") String name,
            @NotNull UUID agentId,
            @NotNull @Min(1) @Max(10000) @Schema(description = "Calls at once", examples = "5") Integer maxConcurrency,
            @Schema(description = "SIMULATOR when absent") Telephony telephony, UUID sipTrunkId,
            @Pattern(regexp = Formats.E164, message = Formats.E164_MESSAGE) String callerId,
            @Pattern(regexp = "^[A-Z]{2}$", message = "an ISO 3166 alpha-2 region such as US")
            @Schema(description = "Region of numbers written without a country code", examples = "US") String defaultRegion,
            @Size(max = 7) @Schema(description = "Callee-local hours per ISO weekday; 09:00-20:00 Monday to Saturday when absent")
            Map<@Pattern(regexp = "^[1-7]$", message = "an ISO weekday 1-7") String, @NotNull @Valid Hours> callingWindow,
            ComplianceProfile complianceProfile,
            @Min(1) @Max(50) @Schema(description = "Attempts per number", examples = "2") Integer maxAttempts,
            @Size(max = 10000) @Schema(description = "The numbers (JSON bodies); for more, upload a CSV")
            List<@NotNull @Valid NewItem> items) {
    }

    @Schema(name = "NewBatchItem")
    public record NewItem(@NotBlank @Size(max = 32) @Schema(examples = "+14155550123") String phone,
            @Schema(description = "Values the agent may use, e.g. amount_due") Map<@Size(max = 200) String, @Size(max = 2000) String> variables) {
    }

    public enum BatchStatus {
        PENDING, RUNNING, PAUSED, CANCELLED, COMPLETED
    }

    @Schema(name = "Batch")
    public record Batch(UUID id, String name, UUID agentId, @Schema(description = "The job's one-shot campaign") UUID campaignId,
            BatchStatus status, int maxConcurrency, int totalItems, @Schema(description = "Items done, cancelled or rejected") int finalItems,
            @Schema(nullable = true) UUID createdBy, Instant createdAt, Instant startedAt, Instant finishedAt) {
    }

    @Schema(name = "BatchCreated")
    public record BatchCreated(Batch batch, long accepted, long rejected, @Schema(description = "Rejected CSV lines (the first 1000)")
            List<LineError> errors) {
    }

    @Schema(name = "BatchItem")
    public record BatchItem(long id, String phone, Map<String, Object> variables, @Schema(nullable = true) String timezone,
            @Schema(description = "PENDING, QUEUED, DIALING, DONE, CANCELLED or REJECTED") String status,
            @Schema(nullable = true) String outcome, @Schema(nullable = true) Long callId, int attempts,
            @Schema(nullable = true) String error, Instant createdAt, Instant updatedAt) {
    }
}
