package io.vaani.scheduler.reaper;

import io.vaani.contracts.prospect.ClaimSql;

/** Expired claims. Both statements walk prospects_lease_idx and skip rows another replica holds. */
final class ReaperSql {
    private ReaperSql() {
    }

    /**
     * Up to $1 hopper entries whose prospect's claim expired (the hopper that queued them stopped
     * renewing), taken out of the hopper with their prospects given back to the pool they came
     * from. Entries are locked before prospects, as the dialer's claim does. Returns how many.
     */
    static final String QUEUED = """
            with expired as (
                select h.id, h.prospect_id, h.callback from prospects p join hopper_entries h on h.prospect_id = p.id
                where p.status = 'QUEUED' and p.lease_until < now()
                order by p.lease_until limit $1
                for update of h skip locked
            ), gone as (
                delete from hopper_entries h using expired e where h.id = e.id returning e.prospect_id, e.callback
            ), released as (
                update prospects p set %s
                from gone g where p.id = g.prospect_id and p.status = 'QUEUED'
                returning p.id
            )
            select count(*) from released""".formatted(ClaimSql.giveBack("g.callback"));

    /** Up to $1 QUEUED prospects past their lease with no hopper entry at all (a lost entry) go back too. */
    static final String QUEUED_WITHOUT_ENTRY = """
            with released as (
                update prospects p set %s
                where p.id in (select q.id from prospects q
                               where q.status = 'QUEUED' and q.lease_until < now()
                                 and not exists (select 1 from hopper_entries h where h.prospect_id = q.id)
                               order by q.lease_until limit $1 for update skip locked)
                returning p.id
            )
            select count(*) from released""".formatted(ClaimSql.giveBack(
            "exists (select 1 from callbacks c where c.prospect_id = p.id and c.status = 'PENDING')"));

    /**
     * Up to $1 prospects DIALING past their lease, with their current call as call_logs holds it.
     * Their lease moves a minute on, so that no replica takes them again while this one resolves them.
     */
    static final String DIALING = """
            with expired as (
                select p.id, p.last_call_log_id from prospects p
                where p.status = 'DIALING' and p.lease_until < now()
                order by p.lease_until limit $1 for update skip locked
            ), postponed as (
                update prospects p set lease_until = now() + interval '1 minute' from expired e where p.id = e.id
            )
            select e.id, e.last_call_log_id, l.status, l.outcome, l.ended_at, l.telephony, l.room_name, l.workspace_id, l.campaign_id
            from expired e left join call_logs l on l.id = e.last_call_log_id""";

    /** $1 prospect, $2 seconds: the call is still up in LiveKit. */
    static final String EXTEND = """
            update prospects set lease_until = now() + make_interval(secs => $2) where id = $1 and status = 'DIALING'""";

    /** $1 prospect: its call log is gone (deleted with its campaign's history); it goes back to the pool. */
    static final String RELEASE = """
            update prospects p set %s where p.id = $1 and p.status = 'DIALING'""".formatted(ClaimSql.giveBack("false"));
}
