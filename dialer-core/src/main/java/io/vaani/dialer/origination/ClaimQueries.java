package io.vaani.dialer.origination;

import io.vaani.contracts.dnc.DoNotCallSql;
import io.vaani.contracts.prospect.ClaimSql;

/** The dial-time claim: hopper entries to call logs and DIALING prospects, in one statement. */
final class ClaimQueries {
    private ClaimQueries() {
    }

    /**
     * Takes up to $2 entries of campaign $1 in dial order, skipping those another dialer holds;
     * re-checks each against the do-not-call lists and the open zones ($5) at this moment; gives
     * the failing ones back to their pool; creates a call log for each of the others and marks its
     * prospect DIALING under owner $3 for $4 seconds. $6 workspace, $7 DNC prefixes, $8 agent,
     * $9 telephony. Returns the new calls, then one row per skip (call_log_id null, reason set).
     */
    static final String CLAIM = """
            with taken as (
                delete from hopper_entries h
                where h.id in (select id from hopper_entries where campaign_id = $1
                               order by list_priority desc, callback desc, id limit $2 for update skip locked)
                returning h.id as entry_id, h.prospect_id, h.callback, h.tz
            ), checked as (
                select t.entry_id, t.callback, p.id as prospect_id, p.phone, p.attempts, p.variables::text as variables,
                       case when %s then 'DO_NOT_CALL'
                            when not (t.tz = any($5)) then 'OUTSIDE_WINDOW'
                       end as skip
                from taken t join prospects p on p.id = t.prospect_id
                where p.status = 'QUEUED'
                for update of p -- a prospect changed meanwhile (opted out, deleted) is seen as it is now
            ), given_back as (
                update prospects p set %s
                from checked c where p.id = c.prospect_id and c.skip is not null
            ), logged as (
                insert into call_logs (workspace_id, campaign_id, prospect_id, agent_id, phone, attempt, telephony, dialer_owner,
                                       batch_item_id)
                select $6, $1, c.prospect_id, $8, c.phone, c.attempts + 1, $9, $3,
                       (select b.id from batch_items b where b.prospect_id = c.prospect_id)
                from checked c where c.skip is null
                order by c.entry_id
                returning id, prospect_id, attempt
            ), dialing as (
                update prospects p set status = 'DIALING', claim_owner = $3, lease_until = now() + make_interval(secs => $4),
                       attempts = l.attempt, last_call_log_id = l.id, updated_at = now()
                from logged l where p.id = l.prospect_id
            )
            select l.id, l.prospect_id, c.phone, l.attempt, c.variables, null as skip
            from logged l join checked c on c.prospect_id = l.prospect_id
            union all
            select null, c.prospect_id, c.phone, null, null, c.skip from checked c where c.skip is not null
            """.formatted(DoNotCallSql.onList("p.phone", "$6", "$7"), ClaimSql.giveBack("c.callback"));
}
