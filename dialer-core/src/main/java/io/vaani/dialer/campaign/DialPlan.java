package io.vaani.dialer.campaign;

import io.vaani.contracts.agent.AgentProfile;
import io.vaani.contracts.calling.CallingWindow;
import io.vaani.contracts.domain.CampaignStatus;
import io.vaani.contracts.domain.PacingMode;
import io.vaani.contracts.domain.Telephony;
import io.vaani.dialer.calls.CallKeys;
import io.vaani.dialer.pacing.CallModel;
import io.vaani.dialer.pacing.DamperSettings;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * What one tick of a campaign needs to know, read in one query: its settings, its workspace's
 * limit, its trunk, and the outcome counts its damper works on.
 *
 * @param answered answered calls in the compliance period (30 days, UK 24 hours)
 * @param abandoned abandoned calls among them
 * @param recentPlaced calls that ended in the last hour or so
 * @param recentFailed carrier failures among them
 * @param window the campaign's calling hours, callee-local, narrowed by its compliance profile
 * @param callSample the campaign's calls of the last {@link #MODEL_HOURS} hours (or so), for adaptive pacing
 * @param agentProfile the campaign's agent as it is now: what its calls' agents are dispatched with
 */
public record DialPlan(UUID campaignId, UUID workspaceId, UUID agentId, String agentName, CampaignStatus status,
        Telephony telephony, int dialerIntervalSeconds, PacingMode pacingMode, double callRatio, double maxRatio,
        DamperSettings damper, int maxConcurrency, int maxPerTick, int workspaceMaxConcurrency, Optional<Trunk> trunk,
        int ringTimeoutSeconds, String abandonMessage, int maxCallSeconds, long answered, long abandoned, long recentPlaced,
        long recentFailed, CallingWindow window, CallModel.Sample callSample, AgentProfile agentProfile) {
    /** Hours of calls adaptive pacing measures: recent enough to follow the day, long enough to be steady. */
    static final int MODEL_HOURS = 3;

    /** The campaign's outbound SIP trunk. */
    public record Trunk(Optional<String> liveKitTrunkId, double maxCallsPerSecond, Optional<String> callerId) {
    }

    /** Carrier failures need this many recent calls before their share counts as a spike. */
    static final int MIN_CARRIER_SAMPLE = 20;

    public CallKeys keys() {
        return CallKeys.of(campaignId, workspaceId, agentName);
    }

    public Duration ringTimeout() {
        return Duration.ofSeconds(ringTimeoutSeconds);
    }

    /** The campaign's calls as adaptive pacing forecasts them, once there are enough to measure. */
    public Optional<CallModel> callModel() {
        return CallModel.measured(callSample, ringTimeoutSeconds, maxCallSeconds);
    }

    public double carrierFailureShare() {
        return recentPlaced < MIN_CARRIER_SAMPLE ? 0 : (double) recentFailed / recentPlaced;
    }
}
