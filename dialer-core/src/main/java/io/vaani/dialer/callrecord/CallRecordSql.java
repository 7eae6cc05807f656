package io.vaani.dialer.callrecord;

/** How a call record lands in call_logs and chat_logs: one statement, so one transaction, idempotent. */
final class CallRecordSql {
    private CallRecordSql() {
    }

    /**
     * $1 call, $2 workspace, $3 turn count, $4 call metrics (JSON text or null), $5 recording key
     * (or null), then one array per chat_logs column: $6 seq, $7 role, $8 content, $9 interrupted,
     * $10 started at, $11 ended at, $12 metrics (JSON text). Answers whether the call log was found
     * (nothing is written otherwise) and how many turns were new. The turns take the call log's
     * agent, which is null once that agent was deleted, rather than the record's, which may be gone.
     * A turn already stored (a redelivered record) is left as it is; the call log's columns are set
     * to the same values again, and a null metrics or recording key leaves what is there.
     */
    static final String SAVE = """
            with call as (
                update call_logs set turn_count = $3, metrics = coalesce($4::text::jsonb, metrics),
                       recording_key = coalesce($5, recording_key)
                where id = $1 and workspace_id = $2
                returning id, workspace_id, agent_id
            ), turns as (
                insert into chat_logs (workspace_id, call_log_id, agent_id, seq, role, content, interrupted, started_at, ended_at,
                                       metrics)
                select c.workspace_id, c.id, c.agent_id, t.seq, t.role, t.content, t.interrupted, t.started_at, t.ended_at,
                       t.metrics::jsonb
                from call c
                cross join unnest($6::int4[], $7::text[], $8::text[], $9::bool[], $10::timestamptz[], $11::timestamptz[],
                                  $12::text[]) as t(seq, role, content, interrupted, started_at, ended_at, metrics)
                on conflict (call_log_id, seq) do nothing
                returning 1
            )
            select (select count(*) from call) > 0, (select count(*) from turns)::int4""";
}
