package io.vaani.hopper.fill;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vaani.contracts.runtime.Instance;
import io.vaani.hopper.config.HopperConfig;
import io.vaani.testing.RealServersResource;
import io.vaani.testing.TestData;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every selection rule excludes exactly the prospects it should, against real PostgreSQL. */
@QuarkusTest
@WithTestResource(value = RealServersResource.class, initArgs = {
        @ResourceArg(name = "database", value = "vaani_test_dialer_hopper"),
        @ResourceArg(name = "redis-db", value = "3") })
class HopperFillerTest {
    /** Monday 10:00 in New York, 07:00 in Los Angeles, 20:30 in Kolkata. */
    static final Instant NEW_YORK_OPEN = Instant.parse("2026-11-23T15:00:00Z");
    /** Monday 21:30 in New York, 18:30 in Los Angeles. */
    static final Instant NEW_YORK_CLOSED = Instant.parse("2026-11-24T02:30:00Z");
    static final String PAST = "now() - interval '1 hour'";
    static final String FUTURE = "now() + interval '1 hour'";

    @Inject
    Pool pool;
    @Inject
    HopperConfig config;

    TestData fixture;

    @BeforeEach
    void fixture() throws Exception {
        fixture = new TestData("vaani_test_dialer_hopper");
    }

    @AfterEach
    void close() throws Exception {
        fixture.close();
    }

    HopperFiller filler(String owner, Instant at) {
        return new HopperFiller(pool, config, new Instance(owner), Clock.fixed(at, ZoneOffset.UTC));
    }

    @Test
    void eachSelectionRuleExcludesExactlyItsProspects() throws Exception {
        UUID campaign = fixture.campaign("RUNNING", "OLDEST_FIRST", 3, 10, 0);
        UUID main = fixture.list(campaign, 0, true, null);
        UUID vip = fixture.list(campaign, 10, true, null);
        UUID paused = fixture.list(campaign, 50, false, null);
        UUID stale = fixture.list(campaign, 50, true, "2026-01-01T00:00:00Z");
        UUID elsewhere = fixture.list(fixture.campaign("RUNNING", "OLDEST_FIRST", 3, 10, 0), 99, true, null);
        fixture.doNotCall(fixture.workspace, "+12125550108", "EXACT");
        fixture.doNotCall(null, "+12125550109", "EXACT");
        fixture.doNotCall(fixture.workspace, "+1646", "PREFIX");
        TestData other = new TestData("vaani_test_dialer_hopper");
        other.doNotCall(other.workspace, "+12125550111", "EXACT");
        other.close();

        long ok = fixture.prospect(main, "+12125550101", "America/New_York");
        fixture.prospect(main, "+13105550102", "America/Los_Angeles"); // outside the window
        fixture.prospect(main, "+12125550103", null); // unknown zone
        fixture.prospect(main, "+12125550104", "America/New_York", "RETRY_WAIT", 3, PAST, null); // attempts used up
        fixture.prospect(main, "+12125550105", "America/New_York", "RETRY_WAIT", 1, FUTURE, null); // retry not due
        long retryDue = fixture.prospect(main, "+12125550106", "America/New_York", "RETRY_WAIT", 1, PAST, null);
        fixture.prospect(main, "+12125550107", "America/New_York", "NEW", 0, PAST, "2026-01-01T00:00:00Z"); // expired
        fixture.prospect(main, "+12125550108", "America/New_York"); // workspace DNC
        fixture.prospect(main, "+12125550109", "America/New_York"); // global DNC
        fixture.prospect(main, "+16465550110", "America/New_York"); // area code on the DNC
        long otherWorkspacesDnc = fixture.prospect(main, "+12125550111", "America/New_York");
        fixture.prospect(paused, "+12125550112", "America/New_York"); // inactive list
        fixture.prospect(stale, "+12125550113", "America/New_York"); // expired list
        fixture.prospect(main, "+12125550114", "America/New_York", "COMPLETED", 1, PAST, null); // done
        long callback = fixture.prospect(main, "+12125550115", "America/New_York", "CALLBACK", 1, PAST, null);
        // A callback the callee asked for on the last attempt is still made.
        long lastCallback = fixture.prospect(main, "+12125550120", "America/New_York", "CALLBACK", 3, PAST, null);
        fixture.prospect(main, "+12125550116", "America/New_York", "CALLBACK", 1, FUTURE, null); // callback not due
        long priority = fixture.prospect(vip, "+12125550117", "America/New_York");
        fixture.prospect(elsewhere, "+12125550118", "America/New_York"); // another campaign
        fixture.prospect(main, "+12125550119", "America/New_York", "NEW", 0, FUTURE, null); // not before later

        FillResult result = filler("hopper-a", NEW_YORK_OPEN).fill(campaign).await().indefinitely();

        assertThat(result.outcome()).isEqualTo(FillResult.Outcome.FILLED);
        assertThat(fixture.hopper(campaign)).as("list priority, then due callbacks, then oldest first")
                .containsExactly(priority, callback, lastCallback, ok, retryDue, otherWorkspacesDnc);
        assertThat(result.filled()).isEqualTo(6);
        assertThat(fixture.status(ok)).isEqualTo("QUEUED hopper-a");
        assertThat(fixture.longs("select count(*) from prospects where campaign_id = ? and status = 'QUEUED'", campaign))
                .containsExactly(6L);
    }

    @Test
    void entriesLeaveWhenTheirZoneClosesOrTheirNumberJoinsTheDoNotCallList() throws Exception {
        UUID campaign = fixture.campaign("RUNNING", "OLDEST_FIRST", 3, 10, 0);
        UUID list = fixture.list(campaign, 0, true, null);
        long newYork = fixture.prospect(list, "+12125550201", "America/New_York");
        long optedOut = fixture.prospect(list, "+12125550202", "America/New_York");
        long callback = fixture.prospect(list, "+12125550203", "America/New_York", "CALLBACK", 1, PAST, null);
        long losAngeles = fixture.prospect(list, "+13105550204", "America/Los_Angeles");
        filler("hopper-a", NEW_YORK_OPEN).fill(campaign).await().indefinitely();
        assertThat(fixture.hopper(campaign)).containsExactly(callback, newYork, optedOut);

        fixture.doNotCall(fixture.workspace, "+12125550202", "EXACT");
        FillResult afterOptOut = filler("hopper-b", NEW_YORK_OPEN).fill(campaign).await().indefinitely();
        assertThat(afterOptOut.removedDoNotCall()).isEqualTo(1);
        assertThat(fixture.hopper(campaign)).containsExactly(callback, newYork);
        assertThat(fixture.status(optedOut)).isEqualTo("NEW -");

        FillResult evening = filler("hopper-b", NEW_YORK_CLOSED).fill(campaign).await().indefinitely();
        assertThat(evening.removedOutsideWindow()).isEqualTo(2);
        assertThat(fixture.hopper(campaign)).as("Los Angeles is still open").containsExactly(losAngeles);
        assertThat(fixture.status(newYork)).isEqualTo("NEW -");
        assertThat(fixture.status(callback)).as("a callback stays a callback").isEqualTo("CALLBACK -");
    }

    @Test
    void aCampaignThatStopsHasItsHopperEmptied() throws Exception {
        UUID campaign = fixture.campaign("RUNNING", "OLDEST_FIRST", 3, 10, 0);
        UUID list = fixture.list(campaign, 0, true, null);
        fixture.prospects(list, 30);
        assertThat(filler("hopper-a", NEW_YORK_OPEN).fill(campaign).await().indefinitely().filled()).isEqualTo(30);

        fixture.update("update campaigns set status = 'PAUSED' where id = ?", campaign);
        FillResult paused = filler("hopper-a", NEW_YORK_OPEN).fill(campaign).await().indefinitely();

        assertThat(paused.outcome()).isEqualTo(FillResult.Outcome.NOT_RUNNING);
        assertThat(paused.purged()).isEqualTo(30);
        assertThat(fixture.hopper(campaign)).isEmpty();
        assertThat(fixture.longs("select count(*) from prospects where list_id = ? and status = 'NEW' and claim_owner is null", list))
                .containsExactly(30L);
    }

    @Test
    void fillsUpToTheLevelAndNoFurther() throws Exception {
        UUID campaign = fixture.campaign("RUNNING", "OLDEST_FIRST", 3, 2, 0); // level 2 × 2 × 1 × 12 = 48
        fixture.prospects(fixture.list(campaign, 0, true, null), 100);
        HopperFiller filler = filler("hopper-a", NEW_YORK_OPEN);

        assertThat(filler.fill(campaign).await().indefinitely().filled()).isEqualTo(48);
        assertThat(filler.fill(campaign).await().indefinitely().filled()).isZero();
        fixture.update("delete from hopper_entries where id in (select id from hopper_entries where campaign_id = ? limit 10)", campaign);
        FillResult refill = filler.fill(campaign).await().indefinitely();
        assertThat(refill.filled()).isEqualTo(10);
        assertThat(refill.depth()).isEqualTo(48);
    }

    @Test
    void leadOrdersDecideWhichProspectsComeFirst() throws Exception {
        UUID newest = fixture.campaign("RUNNING", "NEWEST_FIRST", 5, 10, 0);
        UUID list = fixture.list(newest, 0, true, null);
        long first = fixture.prospect(list, "+12125550301", "America/New_York");
        long second = fixture.prospect(list, "+12125550302", "America/New_York", "RETRY_WAIT", 2, PAST, null);
        long third = fixture.prospect(list, "+12125550303", "America/New_York", "RETRY_WAIT", 1, PAST, null);
        filler("hopper-a", NEW_YORK_OPEN).fill(newest).await().indefinitely();
        assertThat(fixture.hopper(newest)).containsExactly(third, second, first);

        UUID fewest = fixture.campaign("RUNNING", "FEWEST_ATTEMPTS", 5, 10, 0);
        UUID fewestList = fixture.list(fewest, 0, true, null);
        long two = fixture.prospect(fewestList, "+12125550311", "America/New_York", "RETRY_WAIT", 2, PAST, null);
        long zero = fixture.prospect(fewestList, "+12125550312", "America/New_York");
        long one = fixture.prospect(fewestList, "+12125550313", "America/New_York", "RETRY_WAIT", 1, PAST, null);
        filler("hopper-a", NEW_YORK_OPEN).fill(fewest).await().indefinitely();
        assertThat(fixture.hopper(fewest)).containsExactly(zero, one, two);

        UUID random = fixture.campaign("RUNNING", "RANDOM", 5, 10, 0);
        fixture.prospects(fixture.list(random, 0, true, null), 20);
        assertThat(filler("hopper-a", NEW_YORK_OPEN).fill(random).await().indefinitely().filled()).isEqualTo(20);
    }

    @Test
    void concurrentFillersNeverQueueAProspectTwice() throws Exception {
        UUID campaign = fixture.campaign("RUNNING", "OLDEST_FIRST", 3, 20, 0); // level 480
        fixture.prospects(fixture.list(campaign, 0, true, null), 2_000);
        HopperFiller a = filler("hopper-a", NEW_YORK_OPEN);
        HopperFiller b = filler("hopper-b", NEW_YORK_OPEN);

        for (int round = 0; round < 5; round++) {
            List<Uni<FillResult>> fills = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                fills.add((i % 2 == 0 ? a : b).fill(campaign));
            }
            Uni.join().all(fills).andFailFast().await().atMost(Duration.ofSeconds(30));
            // the dialer takes some
            fixture.update("with taken as (delete from hopper_entries where id in (select id from hopper_entries "
                    + "where campaign_id = ? order by id limit 100) returning prospect_id) "
                    + "update prospects set status = 'DIALING', lease_until = now() + interval '1 minute', claim_owner = 'dialer' "
                    + "where id in (select prospect_id from taken)", campaign);
        }

        List<Long> hopper = fixture.hopper(campaign);
        assertThat(new HashSet<>(hopper)).hasSameSizeAs(hopper);
        assertThat(hopper).hasSizeLessThanOrEqualTo(480);
        assertThat(fixture.longs("select count(*) from prospects where campaign_id = ? and status = 'QUEUED'", campaign))
                .containsExactly((long) hopper.size());
        assertThat(fixture.longs("select count(*) from prospects p where campaign_id = ? and status = 'QUEUED' "
                + "and not exists (select 1 from hopper_entries h where h.prospect_id = p.id)", campaign)).containsExactly(0L);
    }
}
