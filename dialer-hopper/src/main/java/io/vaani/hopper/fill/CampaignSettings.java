package io.vaani.hopper.fill;

import io.vaani.contracts.calling.CallingWindow;
import io.vaani.contracts.domain.CampaignStatus;
import io.vaani.contracts.domain.ComplianceProfile;
import io.vaani.contracts.domain.LeadOrder;
import io.vaani.contracts.domain.PacingMode;
import io.vertx.mutiny.sqlclient.Row;
import java.util.UUID;

/** What the hopper needs to know of a campaign, read at the start of each fill. */
public record CampaignSettings(UUID id, UUID workspaceId, CampaignStatus status, CallingWindow window,
        LeadOrder leadOrder, int maxAttempts, int maxConcurrency, double callRatio, double maxRatio,
        PacingMode pacingMode, int dialerIntervalSeconds, int hopperMin, String fallbackZone) {

    static final String COLUMNS = "id, workspace_id, status, calling_window::text, compliance_profile, lead_order, "
            + "max_attempts, max_concurrency, call_ratio::float8, max_ratio::float8, pacing_mode, dialer_interval, "
            + "hopper_min, fallback_timezone";

    static CampaignSettings from(Row row) {
        return new CampaignSettings(row.getUUID(0), row.getUUID(1), CampaignStatus.valueOf(row.getString(2)),
                CallingWindow.parse(row.getString(3), ComplianceProfile.valueOf(row.getString(4))),
                LeadOrder.valueOf(row.getString(5)), row.getInteger(6), row.getInteger(7), row.getDouble(8),
                row.getDouble(9), PacingMode.valueOf(row.getString(10)), row.getInteger(11), row.getInteger(12),
                row.getString(13));
    }

    /** The ratio the dialer may reach: adaptive pacing can raise it up to its cap. */
    public double peakRatio() {
        return pacingMode == PacingMode.ADAPTIVE ? Math.max(callRatio, maxRatio) : callRatio;
    }
}
