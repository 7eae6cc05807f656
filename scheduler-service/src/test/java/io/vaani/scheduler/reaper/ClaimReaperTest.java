package io.vaani.scheduler.reaper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vaani.contracts.amqp.RabbitConnection;
import io.vaani.scheduler.SchedulerFixture;
import io.vaani.testing.RealServersResource;
import io.vaani.testing.TestData;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Expired claims come back: QUEUED to their pool, DIALING from their call log, LiveKit, or as failed calls. */
@QuarkusTest
@WithTestResource(value = RealServersResource.class, initArgs = {
        @ResourceArg(name = "database", value = SchedulerFixture.DATABASE),
        @ResourceArg(name = "redis-db", value = "5") })
@WithTestResource(LiveKitRoomsStandIn.class)
class ClaimReaperTest {
    @Inject
    RabbitConnection rabbit;
    @Inject
    ClaimReaper reaper;
    @Inject
    MeterRegistry meters;
    SchedulerFixture fixture;
    TestData data;
    UUID campaign;
    UUID list;

    @BeforeEach
    void data() throws Exception {
        fixture = new SchedulerFixture(rabbit);
        data = fixture.data;
        campaign = data.campaignOpenAllDay(10);
        list = data.list(campaign, 0, true, null);
    }

    @AfterEach
    void close() throws Exception {
        fixture.close();
    }

    double reaped() {
        return meters.counter("vaani.scheduler.reaped", "kind", "queued").count();
    }

    @Test
    void queuedClaimsWhoseHopperStoppedRenewingGoBackToTheirPool() throws Exception {
        long fresh = data.prospect(list, "+14155550301", "America/New_York");
        long retry = data.prospect(list, "+14155550302", "America/New_York", "RETRY_WAIT", 1, "now()", null);
        long callback = data.prospect(list, "+14155550303", "America/New_York", "CALLBACK", 1, "now()", null);
        long lost = data.prospect(list, "+14155550304", "America/New_York");
        long renewed = data.prospect(list, "+14155550305", "America/New_York");
        data.update("with q as (update prospects set status = 'QUEUED', claim_owner = 'hopper', lease_until = now() - interval '1 second' "
                + "where campaign_id = ? returning id, campaign_id, tz) insert into hopper_entries (campaign_id, prospect_id, "
                + "list_priority, callback, tz) select campaign_id, id, 0, id = ?, tz from q where id <> ?", campaign, callback, lost);
        data.update("update prospects set lease_until = now() + interval '1 hour' where id = ?", renewed);

        await().atMost(Duration.ofSeconds(10)).until(() -> data.status(lost).equals("NEW -"));
        assertThat(data.status(fresh)).isEqualTo("NEW -");
        assertThat(data.status(retry)).isEqualTo("RETRY_WAIT -");
        assertThat(data.status(callback)).isEqualTo("CALLBACK -");
        assertThat(data.status(renewed)).isEqualTo("QUEUED hopper");
        assertThat(data.hopper(campaign)).containsExactly(renewed);
    }

    @Test
    void aCallThatEndedWithoutItsEventIsSettledFromItsLog() throws Exception {
        long prospect = data.prospect(list, "+14155550311", "America/New_York");
        long call = fixture.dialing(prospect, 1, -1, "SIMULATOR");
        data.update("update call_logs set status = 'ENDED', outcome = 'BUSY', ended_at = now() where id = ?", call);
        await().atMost(Duration.ofSeconds(10)).until(() -> data.status(prospect).equals("RETRY_WAIT -"));
        assertThat(fixture.data.text("select last_outcome from prospects where id = ?", prospect)).isEqualTo("BUSY");
    }

    @Test
    void aCallWithNoOutcomeFailsAndIsRetriedUnlessLiveKitStillHoldsIt() throws Exception {
        long lost = data.prospect(list, "+14155550321", "America/New_York");
        long gone = data.prospect(list, "+14155550322", "America/New_York");
        long talking = data.prospect(list, "+14155550323", "America/New_York");
        long lostCall = fixture.dialing(lost, 1, -1, "SIMULATOR");
        long goneCall = fixture.dialing(gone, 1, -1, "LIVEKIT");
        long talkingCall = fixture.dialing(talking, 1, 600, "LIVEKIT");
        LiveKitRoomsStandIn.LIVE.add("call-" + talkingCall); // before its lease expires, or a reaper round could fail it
        data.update("update prospects set lease_until = now() - interval '1 second' where id = ?", talking);

        // The reaper publishes a failure for each lost call; this scheduler's own consumer then applies it.
        // The three calls are resolved concurrently, so the live call's longer lease may come last.
        await().atMost(Duration.ofSeconds(15)).until(() -> data.status(lost).equals("RETRY_WAIT -")
                && data.status(gone).equals("RETRY_WAIT -") && fixture.data.count("select count(*) from prospects "
                        + "where id = ? and lease_until > now() + interval '90 seconds'", talking) == 1);
        assertThat(fixture.data.text("select last_outcome from prospects where id = ?", gone)).isEqualTo("FAILED");
        assertThat(data.status(talking)).isEqualTo("DIALING dialer");
        assertThat(lostCall).isNotEqualTo(goneCall);
    }

    @Test
    void replicasReapingAtOnceTakeEachClaimOnce() throws Exception {
        data.prospects(list, 300);
        data.update("with q as (update prospects set status = 'QUEUED', claim_owner = 'hopper', lease_until = now() - interval '1 second' "
                + "where campaign_id = ? returning id, campaign_id, tz) insert into hopper_entries (campaign_id, prospect_id, "
                + "list_priority, callback, tz) select campaign_id, id, 0, false, tz from q", campaign);
        double before = reaped();
        var first = reaper.reap().subscribeAsCompletionStage();
        var second = reaper.reap().subscribeAsCompletionStage();
        var third = reaper.reap().subscribeAsCompletionStage();
        assertThat(first.get().queued() + second.get().queued() + third.get().queued()).isPositive();
        // With the scheduled rounds running too, every claim was taken back exactly once.
        await().atMost(Duration.ofSeconds(10)).until(() -> fixture.data.count("select count(*) from prospects where campaign_id = ? "
                + "and status = 'NEW' and claim_owner is null", campaign) == 300);
        assertThat(reaped() - before).isEqualTo(300);
        assertThat(data.hopper(campaign)).isEmpty();
    }
}
