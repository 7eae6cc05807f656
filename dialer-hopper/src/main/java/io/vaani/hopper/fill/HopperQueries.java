package io.vaani.hopper.fill;

import io.vaani.contracts.dnc.DoNotCallSql;
import io.vaani.contracts.domain.LeadOrder;
import io.vaani.contracts.prospect.ClaimSql;

/** The hopper's SQL. Each statement touches one campaign and runs on indexes (contracts/README.md). */
final class HopperQueries {
    private HopperQueries() {
    }

    /** Only one replica fills a campaign at a time; the others skip rather than wait. */
    static final String TRY_LOCK = "select pg_try_advisory_xact_lock(hashtextextended($1::uuid::text, 7))";

    static final String SETTINGS = "select " + CampaignSettings.COLUMNS + " from campaigns where id = $1";

    /**
     * Removes entries whose zone has left the calling window or whose number joined a do-not-call
     * list, and gives their prospects back. $1 campaign, $2 workspace, $3 open zones, $4 DNC prefixes.
     * Returns (outside window, do-not-call).
     */
    static final String REMOVE_UNDIALABLE = """
            with gone as (
                delete from hopper_entries h using prospects p
                where h.campaign_id = $1 and p.id = h.prospect_id
                  and (not (h.tz = any($3)) or %s)
                returning h.prospect_id, h.callback, h.tz = any($3) as in_window
            ), released as (
                update prospects p set %s
                from gone g where p.id = g.prospect_id and p.status = 'QUEUED'
            )
            select count(*) filter (where not in_window), count(*) filter (where in_window) from gone
            """.formatted(DoNotCallSql.onList("p.phone", "$2", "$4"), ClaimSql.giveBack("g.callback"));

    /** Empties the hopper of a campaign that no longer runs. $1 campaign. Returns the count. */
    static final String PURGE = """
            with gone as (
                delete from hopper_entries where campaign_id = $1 returning prospect_id, callback
            ), released as (
                update prospects p set %s
                from gone g where p.id = g.prospect_id and p.status = 'QUEUED'
            )
            select count(*) from gone
            """.formatted(ClaimSql.giveBack("g.callback"));

    /** Extends the claims of prospects waiting in a running campaign's hopper before they expire. $1 campaign, $2 lease seconds. */
    static final String RENEW_CLAIMS = """
            update prospects p set lease_until = now() + make_interval(secs => $2)
            from hopper_entries h
            where h.campaign_id = $1 and p.id = h.prospect_id and p.status = 'QUEUED'
              and p.lease_until < now() + make_interval(secs => $2 / 2)
            """;

    static final String DEPTH = "select count(*) from hopper_entries where campaign_id = $1";

    /** Campaigns that still have hopper entries but no longer run. */
    static final String STOPPED_WITH_ENTRIES = """
            select c.id from campaigns c
            where c.status <> 'RUNNING' and exists (select 1 from hopper_entries h where h.campaign_id = c.id)
            """;

    /** Due, unexpired, in an open zone, on no do-not-call list. Attempts are checked apart: a callback the callee asked for is made whatever the count. */
    private static final String DIALABLE_NOW = """
            p.next_attempt_at <= now()
              and (p.expires_at is null or p.expires_at > now())
              and coalesce(p.tz, $4::text) = any($3)
              and not %s""".formatted(DoNotCallSql.onList("p.phone", "$2", "$9"));

    /**
     * Claims up to $6 dialable prospects and queues them, in one statement: active unexpired lists by
     * priority, due callbacks first (whatever their attempts), then the lead order; rows another replica holds are skipped.
     * $1 campaign, $2 workspace, $3 open zones, $4 fallback zone, $5 max attempts, $6 how many,
     * $7 owner, $8 lease seconds, $9 DNC prefixes. Returns one row per queued prospect.
     */
    static String fill(LeadOrder order) {
        return """
                with lists as (
                    select id, priority from prospect_lists
                    where campaign_id = $1 and active and (expires_at is null or expires_at > now())
                ), callbacks as (
                    select c.id, l.priority, true as callback, c.tz, c.k1, c.k2
                    from lists l cross join lateral (
                        select p.id, coalesce(p.tz, $4::text) as tz,
                               extract(epoch from p.next_attempt_at)::float8 as k1, p.id as k2
                        from prospects p
                        where p.list_id = l.id and p.status = 'CALLBACK' and %1$s
                        order by p.next_attempt_at
                        limit $6
                        for update of p skip locked) c
                ), regular as (
                    select r.id, l.priority, false as callback, r.tz, r.k1, r.k2
                    from lists l cross join lateral (
                        select p.id, coalesce(p.tz, $4::text) as tz, %2$s
                        from prospects p
                        where p.list_id = l.id and p.status in ('NEW', 'RETRY_WAIT') and p.attempts < $5 and %1$s
                        order by %3$s
                        limit $6
                        for update of p skip locked) r
                ), picked as (
                    select * from callbacks union all select * from regular
                    order by priority desc, callback desc, k1, k2
                    limit $6
                ), claimed as (
                    update prospects p set status = 'QUEUED', claim_owner = $7,
                           lease_until = now() + make_interval(secs => $8), updated_at = now()
                    from picked where p.id = picked.id
                )
                insert into hopper_entries (campaign_id, prospect_id, list_priority, callback, tz)
                select $1, id, priority, callback, tz from picked order by priority desc, callback desc, k1, k2
                returning prospect_id
                """.formatted(DIALABLE_NOW, sortKeys(order), orderBy(order));
    }

    /** k1, k2: the lead order as sort keys, so both branches merge in one order. */
    private static String sortKeys(LeadOrder order) {
        return switch (order) {
            case OLDEST_FIRST -> "0::float8 as k1, p.id as k2";
            case NEWEST_FIRST -> "0::float8 as k1, -p.id as k2";
            case FEWEST_ATTEMPTS -> "p.attempts::float8 as k1, p.id as k2";
            case RANDOM -> "random() as k1, 0::bigint as k2";
        };
    }

    /** Oldest and newest first walk prospects_dialable_idx and stop early; the others sort the list's candidates. */
    private static String orderBy(LeadOrder order) {
        return switch (order) {
            case OLDEST_FIRST -> "p.id";
            case NEWEST_FIRST -> "p.id desc";
            case FEWEST_ATTEMPTS -> "p.attempts, p.id";
            case RANDOM -> "random()";
        };
    }

    /**
     * Counts the campaign's waiting prospects that cannot be dialed, by reason; a prospect counts
     * under each reason that holds. $1 campaign, $2 workspace, $3 fallback zone, $4 open zones,
     * $5 max attempts, $6 DNC prefixes.
     */
    static final String SKIP_CENSUS = """
            select count(*) filter (where coalesce(p.tz, $3::text) is null),
                   count(*) filter (where coalesce(p.tz, $3::text) is not null and not (coalesce(p.tz, $3::text) = any($4))),
                   count(*) filter (where p.attempts >= $5 and p.status <> 'CALLBACK'),
                   count(*) filter (where (p.expires_at is not null and p.expires_at <= now()) or not l.active
                                       or (l.expires_at is not null and l.expires_at <= now())),
                   count(*) filter (where %s)
            from prospects p join prospect_lists l on l.id = p.list_id
            where p.campaign_id = $1 and p.status in ('NEW', 'RETRY_WAIT', 'CALLBACK')
            """.formatted(DoNotCallSql.onList("p.phone", "$2", "$6"));
}
