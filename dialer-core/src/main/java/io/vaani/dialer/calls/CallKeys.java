package io.vaani.dialer.calls;

import io.vaani.contracts.redis.RedisKeys;
import java.util.List;
import java.util.UUID;

/**
 * Where one call is counted in Redis. Each set is a sorted set of call ids scored by the time the
 * entry stops counting (its lease), so a slot whose end was never heard of frees itself.
 *
 * @param campaignRinging calls of the campaign placed and not yet answered, plus reservations of ticks in progress
 * @param campaignConnected answered calls of the campaign that have an agent
 * @param workspaceConnected answered calls of the workspace that have an agent
 * @param agentConnected calls that have an agent of this name (the worker pool's load)
 */
public record CallKeys(String campaignRinging, String campaignConnected, String workspaceConnected, String agentConnected) {
    /** Every live call, for {@code livekit:active_calls} and the reconciler. */
    public static final String LIVE = "vaani:calls:live";
    /** Concurrent calls across the platform, kept with a TTL as LiveKit-based tooling expects. */
    public static final String ACTIVE_CALLS = "livekit:active_calls";

    public static CallKeys of(UUID campaignId, UUID workspaceId, String agentName) {
        return new CallKeys(RedisKeys.campaignRinging(campaignId), RedisKeys.campaignConnected(campaignId),
                RedisKeys.workspaceConnected(workspaceId), RedisKeys.agentConnected(agentName));
    }

    /** The state of one call in the registry: R ringing, C connected, A abandoning, E ended. */
    public static String marker(long callLogId) {
        return "vaani:call:" + callLogId;
    }

    List<String> counted() {
        return List.of(campaignRinging, campaignConnected, workspaceConnected, agentConnected);
    }
}
