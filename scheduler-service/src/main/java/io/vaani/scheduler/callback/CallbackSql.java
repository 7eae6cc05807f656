package io.vaani.scheduler.callback;

import io.vaani.contracts.prospect.ClaimSql;

/** Callbacks, and how one moves its prospect. */
final class CallbackSql {
    private CallbackSql() {
    }

    /**
     * $1 prospect. A queued prospect first leaves the hopper, back in the pool it came from (the
     * callback then moves it on, or it waits there if the callback is refused). The entry is locked
     * before its prospect, as the dialer's claim does.
     */
    static final String LEAVE_HOPPER = """
            with gone as (
                delete from hopper_entries h where h.prospect_id = $1 returning h.prospect_id, h.callback
            )
            update prospects p set %s
            from gone g where p.id = g.prospect_id and p.status = 'QUEUED'""".formatted(ClaimSql.giveBack("g.callback"));

    /** $1 prospect, $2 campaign. The prospect, locked, with its zone and its campaign's window. */
    static final String LOCK = """
            select p.workspace_id, p.status, coalesce(p.tz, c.fallback_timezone), c.calling_window::text, c.compliance_profile,
                   (select j.status from batch_jobs j where j.campaign_id = c.id)
            from prospects p join campaigns c on c.id = p.campaign_id
            where p.id = $1 and p.campaign_id = $2
            for update of p""";

    /**
     * $1 request, $2 workspace, $3 campaign, $4 prospect, $5 local time, $6 zone, $7 due, $8 moved,
     * $9 note, $10 call, $11 status. Returns the id, or nothing when the request was recorded before.
     */
    static final String INSERT = """
            insert into callbacks (request_id, workspace_id, campaign_id, prospect_id, requested_local_time, tz, due_at,
                                   moved_reason, note, source_call_log_id, status)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
            on conflict (request_id) where request_id is not null do nothing
            returning id""";

    /** $1 prospect, $2 the callback that replaces the others. The callee's latest word counts. */
    static final String SUPERSEDE = """
            update callbacks set status = 'CANCELLED', updated_at = now(),
                   note = coalesce(note || '; ', '') || 'superseded by callback ' || $2
            where prospect_id = $1 and status = 'PENDING' and id <> $2""";

    /** $1 prospect, $2 due. Not while it is in a call: that call's outcome reads the callback. */
    static final String MOVE_PROSPECT = """
            update prospects set status = 'CALLBACK', next_attempt_at = $2, updated_at = now()
            where id = $1 and status in ('NEW', 'RETRY_WAIT', 'CALLBACK', 'COMPLETED', 'DONE')""";

    /** $1 prospect. A batch item that looked final waits for its callback; returns the job to count it back. */
    static final String REOPEN_ITEM = """
            update batch_items set status = 'PENDING', updated_at = now()
            where prospect_id = $1 and status = 'DONE'
            returning batch_job_id""";

    /** $1 job. */
    static final String UNCOUNT_FINAL = "update batch_jobs set final_items = final_items - 1 where id = $1";
}
