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

    /** Agents the campaign may use now: those talking and those free. */
    public int agents() {
        return connected + freeSlots();
    }

    /** The most calls one tick may place: the per-tick and trunk limits. */
    public int callCap() {
        return Math.min(maxPerTick, trunkBudget);
    }

    /** Lines dialed per agent once {@code calls} more are placed: connected and ringing calls over the agents. */
    public double linesPerAgent(int calls) {
        return agents() == 0 ? 1.0 : Math.max(1.0, (double) (connected + ringing + calls) / agents());
    }

    /** Calls that bring the lines per agent up to {@code ratio}. */
    public int callsForLines(double ratio) {
        return (int) Math.max(0, Math.floor(ratio * agents()) - connected - ringing);
    }
}
