package io.vaani.contracts.redis;

import java.util.UUID;

/**
 * The Redis keys more than one service reads or writes, named in one place (contracts/README.md
 * lists each with its writer and readers).
 */
public final class RedisKeys {
    private RedisKeys() {
    }

    /** Sorted set: calls of the campaign placed and not yet answered (and tick reservations) → lease end (ms). */
    public static String campaignRinging(UUID campaignId) {
        return "vaani:calls:campaign:" + campaignId + ":ringing";
    }

    /** Sorted set: answered calls of the campaign that have an agent → lease end (ms). */
    public static String campaignConnected(UUID campaignId) {
        return "vaani:calls:campaign:" + campaignId + ":connected";
    }

    public static String workspaceConnected(UUID workspaceId) {
        return "vaani:calls:workspace:" + workspaceId + ":connected";
    }

    public static String agentConnected(String agentName) {
        return "vaani:calls:agent:" + agentName + ":connected";
    }

    /** Hash: dialer-core's pacing state, ratio and dial-time skips of a campaign. */
    public static String dialerStatus(UUID campaignId) {
        return "vaani:dialer:status:" + campaignId;
    }

    /** Hash: dialer-hopper's depth, level, last fill and skip census of a campaign. */
    public static String hopperStatus(UUID campaignId) {
        return "vaani:hopper:status:" + campaignId;
    }

    /** The campaign's cached data, as the platform's dashboards keep it; deleted on every change of the campaign. */
    public static String campaignData(String slug) {
        return "vaani_data_" + slug;
    }
}
