package io.vaani.api.campaign;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.vaani.api.validation.Formats;
import io.vaani.contracts.domain.CallOutcome;
import io.vaani.contracts.domain.CampaignStatus;
import io.vaani.contracts.domain.ComplianceProfile;
import io.vaani.contracts.domain.LeadOrder;
import io.vaani.contracts.domain.PacingMode;
import io.vaani.contracts.domain.Telephony;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The bodies of the campaign endpoints. */
public final class CampaignDtos {
    private CampaignDtos() {
    }

    /**
     * What a campaign is: the body of a create (name, slug and agentId required; absent fields take
     * their defaults) and of a change (absent fields stay as they are).
     */
    @Schema(name = "CampaignSpec")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CampaignSpec(
            @Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank") @Schema(examples = "Renewals December")
            String name,
            @Pattern(regexp = Formats.SLUG, message = Formats.SLUG_MESSAGE)
            @Schema(description = "Unique in the workspace; names the campaign's cache key vaani_data_{slug}", examples = "renewals-dec")
            String slug,
            UUID agentId,
            @Email @Size(max = 320) @Schema(description = "Owner contact for notices about the campaign", examples = "owner@acme.com")
            String email,
            @Schema(description = "LIVEKIT places real calls through sipTrunkId; SIMULATOR a virtual phone network") Telephony telephony,
            @Schema(description = "Required for LIVEKIT") UUID sipTrunkId,
            @Pattern(regexp = Formats.E164, message = Formats.E164_MESSAGE)
            @Schema(description = "Number presented; one of the trunk's, or the trunk's first when absent", examples = "+14155550100")
            String callerId,
            @Pattern(regexp = "^[A-Z]{2}$", message = "an ISO 3166 alpha-2 region such as US")
            @Schema(description = "Region of uploaded numbers written without a country code", examples = "US") String defaultRegion,
            @Min(2) @Max(15) @Schema(description = "Seconds between dialer ticks", examples = "5") Integer dialerInterval,
            @Schema(description = "MANUAL dials at callRatio; ADAPTIVE forecasts agents about to free") PacingMode pacingMode,
            @DecimalMin("1.0") @DecimalMax("5.0") @Schema(description = "Lines per free agent (MANUAL)", examples = "1.5") BigDecimal callRatio,
            @DecimalMin("1.0") @DecimalMax("5.0") @Schema(description = "Most lines per agent either mode may use", examples = "3.0")
            BigDecimal maxRatio,
            @DecimalMin(value = "0.0", inclusive = false) @DecimalMax("0.2")
            @Schema(description = "Share of answered calls that may be abandoned", examples = "0.03") BigDecimal abandonTarget,
            @Valid Damper damper,
            @Min(1) @Max(10000) @Schema(description = "Concurrent calls with an agent", examples = "10") Integer maxConcurrency,
            @Min(1) @Max(10000) @Schema(description = "Most calls placed per tick", examples = "50") Integer maxPerTick,
            @Min(0) @Max(100000) @Schema(description = "Hopper depth kept whatever the pacing needs", examples = "20") Integer hopperMin,
            @Size(max = 7) @Schema(description = "Callee-local hours per ISO weekday (1 = Monday); a missing day is closed",
                    examples = "{\"1\":{\"start\":\"09:00\",\"end\":\"20:00\"}}")
            Map<@Pattern(regexp = "^[1-7]$", message = "an ISO weekday 1-7") String, @NotNull @Valid Hours> callingWindow,
            @Size(max = 64) @Schema(description = "Zone used for prospects whose zone is unknown; absent: never dial them",
                    examples = "America/New_York") String fallbackTimezone,
            @Schema(description = "US: 3% over 30 days, 08:00-21:00; UK: 3% over 24 h, 72 h lockout; NONE") ComplianceProfile complianceProfile,
            LeadOrder leadOrder,
            @Min(1) @Max(50) @Schema(examples = "3") Integer maxAttempts,
            @Schema(description = "Per outcome: delay before the next attempt and attempts allowed")
            Map<CallOutcome, @NotNull @Valid RetryRule> retryRules,
            @Min(0) @Max(31536000) @Schema(description = "Seconds an abandoned callee is not called again", examples = "259200")
            Integer abandonLockoutSeconds,
            @Size(min = 1, max = 1000) @Schema(description = "Played when no agent is free") String abandonMessage,
            @Min(10) @Max(120) @Schema(examples = "30") Integer ringTimeoutSeconds) {
    }

    @Schema(name = "CampaignDamper", description = "How the ratio backs off as the abandon rate nears its target")
    public record Damper(@NotNull @Min(1) @Max(100000) @Schema(description = "Answered calls measured before the damper acts", examples = "50")
            Integer minSample,
            @NotNull @DecimalMin(value = "0.0", inclusive = false) @DecimalMax(value = "1.0", inclusive = false)
            @Schema(description = "Multiplier per tick when backing off", examples = "0.7") BigDecimal downFactor,
            @NotNull @DecimalMin(value = "0.0", inclusive = false) @DecimalMax("1.0")
            @Schema(description = "Step up per tick when recovering", examples = "0.05") BigDecimal upStep) {
    }

    @Schema(name = "CallingHours")
    public record Hours(@NotNull @Pattern(regexp = "^([01][0-9]|2[0-3]):[0-5][0-9]$", message = "HH:MM") @Schema(examples = "09:00") String start,
            @NotNull @Pattern(regexp = "^([01][0-9]|2[0-4]):[0-5][0-9]$", message = "HH:MM") @Schema(examples = "20:00") String end) {
    }

    @Schema(name = "RetryRule")
    public record RetryRule(@NotNull @Min(0) @Max(31536000) @Schema(examples = "7200") Integer delaySeconds,
            @NotNull @Min(1) @Max(50) @Schema(examples = "3") Integer maxAttempts) {
    }

    @Schema(name = "Campaign")
    public record Campaign(UUID id, UUID workspaceId, CampaignStatus status, @JsonUnwrapped CampaignSpec spec, Instant createdAt,
            Instant updatedAt, Instant startedAt, Instant stoppedAt) {
    }
}
