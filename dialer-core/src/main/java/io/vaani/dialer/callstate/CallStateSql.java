package io.vaani.dialer.callstate;

/** How call events change call_logs and campaign_stats. Each statement is idempotent. */
final class CallStateSql {
    private CallStateSql() {
    }

    /** $1 call, $2 at. */
    static final String RINGING = """
            update call_logs set status = 'RINGING', ringing_at = $2 where id = $1 and status = 'DIALING'""";

    /**
     * $1 call, $2 at, $3 lease margin seconds. The prospect's lease now covers the longest
     * conversation the agent may have, so no reaper takes it while the call goes on.
     */
    static final String ANSWERED = """
            with answered as (
                update call_logs set status = 'ANSWERED', answered_at = $2
                where id = $1 and status in ('DIALING', 'RINGING')
                returning prospect_id, agent_id
            )
            update prospects p set lease_until = greatest(p.lease_until, $2 + make_interval(secs => a.max_call_seconds + $3))
            from answered x join agents a on a.id = x.agent_id
            where p.id = x.prospect_id and p.status = 'DIALING' and p.last_call_log_id = $1""";

    /**
     * $1 call, $2 outcome, $3 SIP status, $4 talk seconds, $5 disposition, $6 error, $7 at, $8 answered.
     * Ends the call if it was not ended yet; either way returns where the call is counted, and
     * whether it ended now (its counters are due), and how long it rang if it was answered (the
     * statement sees call_logs as they were before it). The prospect's next step is the scheduler's.
     */
    static final String END = """
            with ended as (
                update call_logs set status = 'ENDED', outcome = $2, sip_status = coalesce($3, sip_status), talk_seconds = $4,
                       disposition = $5, error = $6, ended_at = $7,
                       answered_at = case when $8 then coalesce(answered_at, $7) else answered_at end
                where id = $1 and status <> 'ENDED'
                returning id
            )
            select l.campaign_id, l.workspace_id, a.livekit_agent_name, e.id is not null,
                   extract(epoch from coalesce(l.answered_at, $7) - l.created_at)::float8
            from call_logs l
            left join ended e on e.id = l.id
            left join agents a on a.id = l.agent_id
            where l.id = $1""";

    /**
     * $1 campaign, $2 at, then 1/0 per counter, $10 talk seconds, $11 answer delay seconds (0 when
     * unanswered), $12 1 when the call held an agent, $13 logarithm of its talk seconds.
     */
    static final String STATS = """
            insert into campaign_stats as s (campaign_id, hour, placed, answered, abandoned, completed, no_answer, busy, voicemail,
                                             failed, talk_seconds, answer_delay_sum, answer_delay_squares, talked, talk_log_sum,
                                             talk_log_squares)
            values ($1, date_trunc('hour', $2::timestamptz), 1, $3, $4, $5, $6, $7, $8, $9, $10, $11::float8,
                    $11::float8 * $11::float8, $12, $13::float8, $13::float8 * $13::float8)
            on conflict (campaign_id, hour) do update set
                placed = s.placed + 1, answered = s.answered + excluded.answered, abandoned = s.abandoned + excluded.abandoned,
                completed = s.completed + excluded.completed, no_answer = s.no_answer + excluded.no_answer,
                busy = s.busy + excluded.busy, voicemail = s.voicemail + excluded.voicemail, failed = s.failed + excluded.failed,
                talk_seconds = s.talk_seconds + excluded.talk_seconds,
                answer_delay_sum = s.answer_delay_sum + excluded.answer_delay_sum,
                answer_delay_squares = s.answer_delay_squares + excluded.answer_delay_squares,
                talked = s.talked + excluded.talked, talk_log_sum = s.talk_log_sum + excluded.talk_log_sum,
                talk_log_squares = s.talk_log_squares + excluded.talk_log_squares""";

    /** Calls call_logs holds as live, with where they count and until when. */
    static final String LIVE = """
            select l.id, l.campaign_id, l.workspace_id, a.livekit_agent_name, l.status = 'ANSWERED', p.lease_until
            from call_logs l
            left join agents a on a.id = l.agent_id
            left join prospects p on p.id = l.prospect_id
            where l.status <> 'ENDED' and l.campaign_id is not null""";

    /** $1 call ids: those that ended, with where they were counted. */
    static final String ENDED_AMONG = """
            select l.id, l.campaign_id, l.workspace_id, a.livekit_agent_name
            from call_logs l left join agents a on a.id = l.agent_id
            where l.id = any($1) and l.status = 'ENDED' and l.campaign_id is not null""";
}
