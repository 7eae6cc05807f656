package io.vaani.scheduler.batch;

/** A batch job's life: its items become prospects of its one-shot campaign, which the job starts, pauses and ends. */
final class BatchSql {
    private BatchSql() {
    }

    /** $1 job. Locks it, with its campaign and the list its prospects go to (null until the first start). */
    static final String LOCK = """
            select j.status, j.workspace_id, j.campaign_id, (select l.id from prospect_lists l where l.campaign_id = j.campaign_id
                                                             order by l.created_at limit 1)
            from batch_jobs j where j.id = $1 for update of j""";

    /** $1 job. */
    static final String LIST = """
            insert into prospect_lists (workspace_id, campaign_id, name)
            select workspace_id, campaign_id, left('batch ' || name, 200) from batch_jobs where id = $1
            returning id""";

    /** $1 job, $2 status. Counts the items, so the job knows when all are final. */
    static final String SET_STATUS = """
            update batch_jobs set status = $2,
                   started_at = case when $2 = 'RUNNING' then coalesce(started_at, now()) else started_at end,
                   finished_at = case when $2 in ('CANCELLED', 'COMPLETED') then now() else finished_at end,
                   total_items = case when $2 = 'RUNNING' then (select count(*) from batch_items where batch_job_id = $1)
                                      else total_items end
            where id = $1""";

    /**
     * $1 job, $2 chunk, $3 workspace, $4 campaign, $5 list. Makes up to $2 items prospects; rejects
     * those that are not E.164 numbers or repeat a number of the job. Returns (taken, rejected).
     */
    static final String EXPAND = """
            with items as (
                select id, phone, variables, tz from batch_items
                where batch_job_id = $1 and prospect_id is null and status = 'PENDING'
                order by id limit $2 for update skip locked
            ), valid as (
                select distinct on (phone) id, phone, variables, tz from items
                where phone ~ '^\\+[1-9][0-9]{6,14}$' order by phone, id
            ), created as (
                insert into prospects (workspace_id, campaign_id, list_id, phone, tz, variables)
                select $3, $4, $5, phone, tz, variables from valid order by id
                on conflict (campaign_id, phone) do nothing
                returning id, phone
            ), linked as (
                update batch_items b set prospect_id = c.id, updated_at = now()
                from valid v join created c on c.phone = v.phone
                where b.id = v.id
                returning b.id
            ), rejected as (
                update batch_items b set status = 'REJECTED', updated_at = now(),
                       error = case when i.phone !~ '^\\+[1-9][0-9]{6,14}$' then 'not an E.164 phone number'
                                    else 'the number is already in this batch' end
                from items i
                where b.id = i.id and not exists (select 1 from linked l where l.id = i.id)
                returning b.id
            )
            select (select count(*) from items), (select count(*) from rejected)""";

    /** $1 campaign. Cancelling: nothing of the job waits in the hopper any more. */
    static final String EMPTY_HOPPER = "delete from hopper_entries where campaign_id = $1";

    /** $1 campaign. Cancelling: prospects not in a call are done; returns them. */
    static final String CLOSE_PROSPECTS = """
            update prospects set status = 'DONE', claim_owner = null, lease_until = null, updated_at = now()
            where campaign_id = $1 and status in ('NEW', 'QUEUED', 'RETRY_WAIT', 'CALLBACK')
            returning id""";

    /** $1 job. Cancelling: items not in a call are cancelled; returns how many. */
    static final String CANCEL_ITEMS = """
            with cancelled as (
                update batch_items b set status = 'CANCELLED', updated_at = now()
                where b.batch_job_id = $1 and b.status in ('PENDING', 'QUEUED')
                  and not exists (select 1 from prospects p where p.id = b.prospect_id and p.status = 'DIALING')
                returning b.id
            )
            select count(*) from cancelled""";
}
