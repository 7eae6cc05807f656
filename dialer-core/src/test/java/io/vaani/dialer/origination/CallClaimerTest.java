package io.vaani.dialer.origination;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vaani.contracts.runtime.Instance;
import io.vaani.dialer.campaign.DialPlan;
import io.vaani.dialer.campaign.DialPlans;
import io.vaani.testing.RealServersResource;
import io.vaani.testing.TestData;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Hopper entries become call logs and DIALING prospects; dial time re-checks DNC and hours; dialers never share a prospect. */
@QuarkusTest
@WithTestResource(value = RealServersResource.class, initArgs = {
        @ResourceArg(name = "database", value = "vaani_test_dialer_core"),
        @ResourceArg(name = "redis-db", value = "4") })
class CallClaimerTest {
    /** Monday 10:00 in New York, 07:00 in Los Angeles. */
    static final Instant NEW_YORK_OPEN = Instant.parse("2026-11-23T15:00:00Z");

    @Inject
    Pool pool;

    @Inject
    DialPlans plans;

    TestData data;

    @BeforeEach
    void data() throws Exception {
        data = new TestData("vaani_test_dialer_core");
    }

    @AfterEach
    void close() throws Exception {
        data.close();
    }

    CallClaimer claimer(String owner) {
        return new CallClaimer(pool, new Instance(owner), Clock.fixed(NEW_YORK_OPEN, ZoneOffset.UTC), Duration.ofSeconds(30));
    }

    DialPlan plan(UUID campaign) {
        return plans.load(campaign).await().indefinitely().orElseThrow();
    }

    /** Queues prospects the way the hopper does: QUEUED under a lease, one hopper entry each, in order. */
    void queue(UUID campaign, long... prospects) throws Exception {
        for (long prospect : prospects) {
            data.update("update prospects set status = 'QUEUED', claim_owner = 'hopper', lease_until = now() + interval '10 minutes' "
                    + "where id = ?", prospect);
            data.update("insert into hopper_entries (campaign_id, prospect_id, list_priority, callback, tz) "
                    + "select campaign_id, id, 0, false, coalesce(tz, 'UTC') from prospects where id = ?", prospect);
        }
    }

    @Test
    void claimsInDialOrderCreatingCallLogsUnderALease() throws Exception {
        UUID campaign = data.campaign("RUNNING", "OLDEST_FIRST", 3, 10, 0);
        UUID list = data.list(campaign, 0, true, null);
        long first = data.prospect(list, "+12125550501", "America/New_York");
        long second = data.prospect(list, "+12125550502", "America/New_York", "RETRY_WAIT", 1, "now() - interval '1 hour'", null);
        long third = data.prospect(list, "+12125550503", "America/New_York");
        queue(campaign, first, second, third);

        ClaimResult result = claimer("dialer-a").claim(plan(campaign), 2).await().indefinitely();

        assertThat(result.calls()).extracting(ClaimedCall::prospectId).containsExactly(first, second);
        assertThat(result.calls()).extracting(ClaimedCall::attempt).containsExactly(1, 2);
        ClaimedCall call = result.calls().getFirst();
        assertThat(call.roomName()).isEqualTo("call-" + call.callLogId());
        assertThat(data.status(first)).isEqualTo("DIALING dialer-a");
        assertThat(data.longs("select count(*) from call_logs where prospect_id = ? and status = 'DIALING' and dialer_owner = 'dialer-a'",
                first)).containsExactly(1L);
        assertThat(data.longs("select count(*) from prospects where id = ? and last_call_log_id = ? and lease_until > now()",
                first, call.callLogId())).containsExactly(1L);
        assertThat(data.hopper(campaign)).containsExactly(third);
    }

    @Test
    void aNumberOnTheDoNotCallListOrOutsideItsHoursIsNeverDialed() throws Exception {
        UUID campaign = data.campaign("RUNNING", "OLDEST_FIRST", 3, 10, 0);
        UUID list = data.list(campaign, 0, true, null);
        long optedOut = data.prospect(list, "+12125550601", "America/New_York");
        long westCoast = data.prospect(list, "+13105550602", "America/Los_Angeles");
        long fine = data.prospect(list, "+12125550603", "America/New_York");
        queue(campaign, optedOut, westCoast, fine);
        data.doNotCall(data.workspace, "+12125550601", "EXACT"); // after it was queued

        ClaimResult result = claimer("dialer-a").claim(plan(campaign), 10).await().indefinitely();

        assertThat(result.calls()).extracting(ClaimedCall::prospectId).containsExactly(fine);
        assertThat(result.skippedDoNotCall()).isEqualTo(1);
        assertThat(result.skippedOutsideWindow()).isEqualTo(1);
        assertThat(data.status(optedOut)).isEqualTo("NEW -");
        assertThat(data.status(westCoast)).isEqualTo("NEW -");
        assertThat(data.longs("select count(*) from call_logs where prospect_id in (?, ?)", optedOut, westCoast)).containsExactly(0L);
    }

    @Test
    void concurrentDialersNeverClaimTheSameProspect() throws Exception {
        UUID campaign = data.campaignOpenAllDay(50);
        UUID list = data.list(campaign, 0, true, null);
        data.prospects(list, 400);
        List<Long> all = data.longs("select id from prospects where list_id = ? order by id", list);
        queue(campaign, all.stream().mapToLong(Long::longValue).toArray());

        List<ClaimResult> results = Uni.join().all(
                claimer("dialer-a").claim(plan(campaign), 150), claimer("dialer-b").claim(plan(campaign), 150),
                claimer("dialer-a").claim(plan(campaign), 150), claimer("dialer-b").claim(plan(campaign), 150))
                .andFailFast().await().atMost(Duration.ofSeconds(30));

        Set<Long> claimed = new HashSet<>();
        int total = 0;
        for (ClaimResult result : results) {
            for (ClaimedCall call : result.calls()) {
                claimed.add(call.prospectId());
                total++;
            }
        }
        assertThat(total).isEqualTo(400).isEqualTo(claimed.size());
        assertThat(data.longs("select count(*) from call_logs where campaign_id = ?", campaign)).containsExactly(400L);
        assertThat(data.hopper(campaign)).isEmpty();
    }
}
