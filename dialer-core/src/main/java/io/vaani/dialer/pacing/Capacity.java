package io.vaani.dialer.pacing;

/**
 * What a campaign may use at one tick.
 *
 * @param campaignLimit the campaign's {@code max_concurrency}
 * @param workspaceFree calls the workspace may still add under its own limit
 * @param agentSlotsFree free agent-worker slots, as the workers report them (or the simulator's capacity)
 * @param connected the campaign's answered calls in progress
 * @param ringing the campaign's calls placed and not yet answered or failed
 * @param maxPerTick the campaign's {@code max_per_tick}
 * @param trunkBudget calls the trunk accepts this tick: calls per second × tick seconds
 */
public record Capacity(int campaignLimit, int workspaceFree, int agentSlotsFree, int connected, int ringing,
        int maxPerTick, int trunkBudget) {

    public Capacity {
        if (campaignLimit < 0 || workspaceFree < 0 || agentSlotsFree < 0 || connected < 0 || ringing < 0 || maxPerTick < 0
                || trunkBudget < 0) {
            throw new IllegalArgumentException("capacity figures cannot be negative: " + this);
        }
    }

    /** Agents a new answer could go to now: the tightest of the campaign, workspace and worker limits. */
    public int freeSlots() {
        return Math.max(0, Math.min(campaignLimit - connected, Math.min(workspaceFree, agentSlotsFree)));
    }
}
