package io.vaani.scheduler.outcome;

/** How an outcome moves its prospect. Each statement only acts on the prospect's current call, so replays change nothing. */
final class OutcomeSql {
    private OutcomeSql() {
    }

    /**
     * $1 prospect, $2 call. Locks the prospect while this call is its current one and still open,
     * with what its next step depends on: the campaign's rules, whether the number is on a
     * do-not-call list now, whether its batch job was cancelled, and when the call began.
     */
    static final String LOCK = """
            select p.workspace_id, p.phone, p.attempts, c.retry_rules::text, c.max_attempts, c.abandon_lockout_seconds,
                   coalesce(l.created_at, now()),
                   exists (select 1 from dnc_entries d where d.match = 'EXACT' and d.phone = p.phone
                                                     and (d.workspace_id = p.workspace_id or d.workspace_id is null))
                   or p.phone like any (array(select d.phone || '%' from dnc_entries d where d.match = 'PREFIX'
                                              and (d.workspace_id = p.workspace_id or d.workspace_id is null))),
                   exists (select 1 from batch_jobs j where j.campaign_id = p.campaign_id and j.status = 'CANCELLED')
            from prospects p
            join campaigns c on c.id = p.campaign_id
            left join call_logs l on l.id = $2
            where p.id = $1 and p.last_call_log_id = $2 and p.status = 'DIALING'
            for update of p""";

    /**
     * $1 prospect, $2 call, $3 when the call began. Callbacks that came due before the call began
     * were served by it; returns the earliest callback still open (asked for during the call).
     */
    static final String CALLBACKS = """
            with served as (
                update callbacks set status = 'DONE', call_log_id = $2, updated_at = now()
                where prospect_id = $1 and status = 'PENDING' and due_at <= $3
            )
            select min(due_at) from callbacks where prospect_id = $1 and status = 'PENDING' and due_at > $3""";

    /** $1 prospect, $2 status, $3 not before, $4 outcome. */
    static final String MOVE = """
            update prospects set status = $2, next_attempt_at = $3, last_outcome = $4,
                   claim_owner = null, lease_until = null, updated_at = now()
            where id = $1""";

    /** $1 prospect, $2 call: a batch item is in a call from its origination until the outcome. */
    static final String ITEM_DIALING = """
            update batch_items set status = 'DIALING', call_log_id = $2, updated_at = now()
            where prospect_id = $1 and status in ('PENDING', 'QUEUED') and (call_log_id is null or call_log_id < $2)""";
}
