package io.vaani.hopper.bench;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vaani.contracts.runtime.Instance;
import io.vaani.hopper.config.HopperConfig;
import io.vaani.hopper.fill.FillResult;
import io.vaani.hopper.fill.HopperFiller;
import io.vaani.hopper.fill.SkipCensus;
import io.vaani.testing.TestDatabase;
import io.vaani.testing.RealServersResource;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test (run by deploy/local/bench.sh hopper): a campaign of 1,000,000 prospects
 * over 40 zones with a 200,000-number DNC list; times fills of 10,000 entries and prints figures.
 */
@Tag("bench")
@QuarkusTest
@WithTestResource(value = RealServersResource.class, initArgs = {
        @ResourceArg(name = "database", value = "vaani_bench_hopper"),
        @ResourceArg(name = "redis-db", value = "12") })
class HopperFillBench {
    static final int PROSPECTS = Integer.getInteger("bench.prospects", 1_000_000);
    static final int DNC = Integer.getInteger("bench.dnc", 200_000);
    static final int FILL = 10_000;
    static final String[] ZONES = { "America/New_York", "America/Chicago", "America/Denver", "America/Phoenix",
            "America/Los_Angeles", "America/Anchorage", "Pacific/Honolulu", "America/Toronto", "America/Vancouver",
            "America/Mexico_City", "America/Sao_Paulo", "America/Argentina/Buenos_Aires", "Europe/London", "Europe/Dublin",
            "Europe/Paris", "Europe/Berlin", "Europe/Madrid", "Europe/Rome", "Europe/Athens", "Europe/Istanbul",
            "Europe/Moscow", "Africa/Cairo", "Africa/Lagos", "Africa/Johannesburg", "Africa/Nairobi", "Asia/Dubai",
            "Asia/Karachi", "Asia/Kolkata", "Asia/Kathmandu", "Asia/Dhaka", "Asia/Bangkok", "Asia/Singapore",
            "Asia/Shanghai", "Asia/Tokyo", "Asia/Seoul", "Australia/Perth", "Australia/Adelaide", "Australia/Sydney",
            "Pacific/Auckland", "Asia/Jakarta" };
    /** Monday 15:00 UTC: the Americas' east, Europe, Africa and the Gulf are open; Asia-Pacific and the US west are not. */
    static final Instant AT = Instant.parse("2026-11-23T15:00:00Z");

    @Inject
    Pool pool;
    @Inject
    HopperConfig config;

    @Test
    void fillTenThousandFromAMillion() throws Exception {
        UUID campaign;
        try (Connection db = TestDatabase.connect("vaani_bench_hopper"); Statement sql = db.createStatement()) {
            long started = System.nanoTime();
            campaign = load(sql);
            System.out.printf("%nBENCH hopper: loaded %,d prospects over %d zones and %,d DNC numbers in %.1f s%n",
                    PROSPECTS, ZONES.length, DNC, seconds(started));
            for (String order : List.of("OLDEST_FIRST", "NEWEST_FIRST", "FEWEST_ATTEMPTS", "RANDOM")) {
                sql.execute("update campaigns set lead_order = '" + order + "' where id = '" + campaign + "'");
                List<Double> times = new ArrayList<>();
                int filled = 0;
                for (int run = 0; run < 5; run++) {
                    reset(sql, campaign);
                    HopperFiller filler = new HopperFiller(pool, config, new Instance("bench"), Clock.fixed(AT, ZoneOffset.UTC));
                    long t0 = System.nanoTime();
                    FillResult result = filler.fill(campaign).await().indefinitely();
                    times.add(seconds(t0) * 1000);
                    filled = result.filled();
                }
                Collections.sort(times);
                System.out.printf("BENCH hopper: fill of %,d entries, %-15s median %6.0f ms  (min %.0f, max %.0f over 5)%n",
                        filled, order, times.get(2), times.get(0), times.get(4));
            }
            reset(sql, campaign);
            long t0 = System.nanoTime();
            var counts = new SkipCensus(pool, Clock.fixed(AT, ZoneOffset.UTC)).count(campaign).await().indefinitely();
            System.out.printf("BENCH hopper: skip census %s in %.0f ms%n%n", counts.orElseThrow(), seconds(t0) * 1000);
        }
    }

    private static UUID load(Statement sql) throws Exception {
        sql.execute("insert into workspaces (slug, name) values ('bench', 'Bench')");
        sql.execute("insert into agents (workspace_id, name) select id, 'A' from workspaces where slug = 'bench'");
        var row = sql.executeQuery("insert into campaigns (workspace_id, agent_id, slug, name, status, max_concurrency, "
                + "hopper_min, max_attempts) select workspace_id, id, 'bench', 'Bench', 'RUNNING', 1, " + FILL + ", 3 "
                + "from agents returning id");
        row.next();
        UUID campaign = row.getObject(1, UUID.class);
        sql.execute("insert into prospect_lists (workspace_id, campaign_id, name, priority) "
                + "select workspace_id, id, 'main', 0 from campaigns; "
                + "insert into prospect_lists (workspace_id, campaign_id, name, priority) "
                + "select workspace_id, id, 'vip', 5 from campaigns");
        String zones = "array['" + String.join("','", ZONES) + "']";
        // Every 10th prospect in the high-priority list; attempts 0-2; 1 in 50 a callback due now.
        sql.execute("insert into prospects (workspace_id, campaign_id, list_id, phone, tz, status, attempts, next_attempt_at) "
                + "select l.workspace_id, l.campaign_id, l.id, '+1' || (2000000000 + n)::text, (" + zones + ")[1 + n % 40], "
                + "case when n % 50 = 0 then 'CALLBACK' when n % 3 = 0 then 'RETRY_WAIT' else 'NEW' end, n % 3, now() - interval '1 minute' "
                + "from generate_series(1, " + PROSPECTS + ") n "
                + "join prospect_lists l on l.name = case when n % 10 = 0 then 'vip' else 'main' end");
        // DNC: every 5th prospect's number, plus as many numbers that match nobody, plus 20 area codes.
        sql.execute("insert into dnc_entries (workspace_id, phone) select w.id, '+1' || (2000000000 + n * 5)::text "
                + "from workspaces w, generate_series(1, " + DNC / 2 + ") n");
        sql.execute("insert into dnc_entries (workspace_id, phone) select null, '+44' || (7000000000 + n)::text "
                + "from generate_series(1, " + DNC / 2 + ") n");
        sql.execute("insert into dnc_entries (workspace_id, phone, match) select w.id, '+1' || (300 + n)::text, 'PREFIX' "
                + "from workspaces w, generate_series(1, 20) n");
        sql.execute("analyze");
        return campaign;
    }

    private static void reset(Statement sql, UUID campaign) throws Exception {
        sql.execute("delete from hopper_entries where campaign_id = '" + campaign + "'");
        sql.execute("update prospects set status = case when id % 50 = 0 then 'CALLBACK' when attempts = 0 then 'NEW' "
                + "else 'RETRY_WAIT' end, claim_owner = null, lease_until = null where status = 'QUEUED'");
        sql.execute("vacuum analyze prospects");
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
