package io.vaani.contracts.prospect;

/** How every service ends a prospect's claim without dialing it (ARCHITECTURE.md §3). */
public final class ClaimSql {
    private ClaimSql() {
    }

    /**
     * The SET list that gives a claimed prospect ({@code p}) back to the pool it was queued from:
     * CALLBACK when its hopper entry was a callback ({@code callback}, a boolean expression),
     * otherwise NEW before any attempt and RETRY_WAIT after; owner and lease cleared.
     */
    public static String giveBack(String callback) {
        return "status = case when " + callback + " then 'CALLBACK' when p.attempts = 0 then 'NEW' else 'RETRY_WAIT' end, "
                + "claim_owner = null, lease_until = null, updated_at = now()";
    }
}
