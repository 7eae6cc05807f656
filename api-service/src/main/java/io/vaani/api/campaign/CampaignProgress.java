package io.vaani.api.campaign;

import io.vaani.contracts.domain.CampaignStatus;
import io.vaani.contracts.domain.PacingMode;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A running campaign as an operator watches it: where its prospects are, how hard it dials, how lawfully. */
@Schema(name = "CampaignProgress")
public record CampaignProgress(UUID campaignId, CampaignStatus status,
        @Schema(description = "Prospects by state (NEW, QUEUED, DIALING, ...)", examples = "{\"NEW\":1200,\"DONE\":340}")
        Map<String, Long> prospects,
        Hopper hopper, Calls calls, Pacing pacing,
        @Schema(description = "Since 00:00 UTC") AbandonRate abandonToday, AbandonRate abandonLast30Days,
        @Schema(description = "Calls placed per hour over the last one to two hours") double callsPerHour,
        @Schema(description = "Numbers passed over, by reason (DO_NOT_CALL, OUTSIDE_WINDOW, UNKNOWN_ZONE, ATTEMPTS, EXPIRED): "
                + "at hopper fill (its last census) and at dial time (counted since start)")
        Skips skipped,
        Instant at) {

    @Schema(name = "CampaignHopper")
    public record Hopper(@Schema(description = "Prospects queued to dial") long depth,
            @Schema(description = "Depth the hopper keeps", nullable = true) Long level, @Schema(nullable = true) Instant lastFillAt) {
    }

    @Schema(name = "CampaignCalls")
    public record Calls(@Schema(description = "Placed, not yet answered") long ringing,
            @Schema(description = "Answered, talking with an agent") long connected, int maxConcurrency) {
    }

    @Schema(name = "CampaignPacing")
    public record Pacing(PacingMode mode, @Schema(description = "Lines per agent dialed at the last tick", nullable = true) Double ratio,
            @Schema(description = "Damper's multiplier (1 = undamped)", nullable = true) Double damping,
            @Schema(nullable = true) Instant lastTickAt) {
    }

    @Schema(name = "AbandonRate")
    public record AbandonRate(long answered, long abandoned, @Schema(description = "abandoned / answered; 0 before any answer") double rate) {
        static AbandonRate of(long answered, long abandoned) {
            return new AbandonRate(answered, abandoned, answered == 0 ? 0 : (double) abandoned / answered);
        }
    }

    @Schema(name = "CampaignSkips")
    public record Skips(Map<String, Long> atHopper, Map<String, Long> atDial) {
    }
}
