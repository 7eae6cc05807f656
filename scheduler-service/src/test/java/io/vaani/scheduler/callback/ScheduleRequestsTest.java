package io.vaani.scheduler.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vaani.contracts.amqp.RabbitConnection;
import io.vaani.contracts.domain.CallOutcome;
import io.vaani.contracts.messages.CallbackRequest;
import io.vaani.contracts.messages.OptOutRequest;
import io.vaani.contracts.messages.RetryRequest;
import io.vaani.contracts.messages.ScheduleRequest;
import io.vaani.scheduler.SchedulerFixture;
import io.vaani.testing.RealServersResource;
import io.vaani.testing.TestData;
import jakarta.inject.Inject;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Callback, opt-out and retry requests on vaani.schedule, as the API and the agent publish them. */
@QuarkusTest
@WithTestResource(value = RealServersResource.class, initArgs = {
        @ResourceArg(name = "database", value = SchedulerFixture.DATABASE),
        @ResourceArg(name = "redis-db", value = "5") })
class ScheduleRequestsTest {
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Inject
    RabbitConnection rabbit;
    SchedulerFixture fixture;
    TestData data;
    UUID campaign;
    UUID list;

    @BeforeEach
    void data() throws Exception {
        fixture = new SchedulerFixture(rabbit);
        data = fixture.data;
        campaign = data.campaign("RUNNING", "OLDEST_FIRST", 3, 10, 0, TestData.EVERY_DAY_9_TO_20, "US");
        list = data.list(campaign, 0, true, null);
    }

    @AfterEach
    void close() throws Exception {
        fixture.close();
    }

    CallbackRequest callback(long prospect, LocalDateTime at, UUID requestId) {
        return new CallbackRequest(ScheduleRequest.VERSION, requestId, data.workspace, campaign, prospect, null, at, null, null,
                Instant.now());
    }

    @Test
    void aCallbackOutsideTheWindowMovesToItsNextOpeningAndSaysSo() throws Exception {
        long prospect = data.prospect(list, "+12125550201", "America/New_York", "RETRY_WAIT", 1, "now() + interval '1 day'", null);
        LocalDateTime lateEvening = LocalDate.now(NEW_YORK).plusWeeks(1).with(TemporalAdjusters.nextOrSame(DayOfWeek.TUESDAY))
                .atTime(21, 30);
        UUID request = UUID.randomUUID();
        fixture.publish(callback(prospect, lateEvening, request));
        fixture.publish(callback(prospect, lateEvening, request)); // the same request again

        await().atMost(Duration.ofSeconds(10)).until(() -> data.status(prospect).equals("CALLBACK -"));
        Instant opening = lateEvening.toLocalDate().plusDays(1).atTime(9, 0).atZone(NEW_YORK).toInstant();
        assertThat(fixture.data.text("select next_attempt_at = ?::timestamptz from prospects where id = ?", opening.toString(), prospect))
                .isEqualTo("t");
        assertThat(fixture.data.count("select count(*) from callbacks where prospect_id = ?", prospect)).isOne();
        assertThat(fixture.data.text("select moved_reason from callbacks where prospect_id = ?", prospect))
                .contains("outside the calling window").contains("09:00");
    }

    @Test
    void aQueuedProspectLeavesTheHopperForItsCallbackAndTheLatestRequestCounts() throws Exception {
        long prospect = data.prospect(list, "+12125550211", "America/New_York");
        data.queueAll(campaign);
        LocalDateTime first = LocalDate.now(NEW_YORK).plusDays(2).atTime(10, 0);
        fixture.publish(callback(prospect, first, UUID.randomUUID()));
        await().atMost(Duration.ofSeconds(10)).until(() -> data.status(prospect).equals("CALLBACK -"));
        assertThat(data.hopper(campaign)).isEmpty();

        fixture.publish(callback(prospect, first.plusDays(1), UUID.randomUUID()));
        await().atMost(Duration.ofSeconds(10)).until(() -> fixture.data.count("select count(*) from callbacks where prospect_id = ? "
                + "and status = 'CANCELLED'", prospect) == 1);
        assertThat(fixture.data.text("select next_attempt_at = ?::timestamptz from prospects where id = ?",
                first.plusDays(1).atZone(NEW_YORK).toInstant().toString(), prospect)).isEqualTo("t");
    }

    @Test
    void aNumberOnTheDoNotCallListGetsNoCallback() throws Exception {
        long prospect = data.prospect(list, "+12125550221", "America/New_York", "DNC", 1, "now()", null);
        fixture.publish(callback(prospect, LocalDate.now(NEW_YORK).plusDays(2).atTime(10, 0), UUID.randomUUID()));
        await().atMost(Duration.ofSeconds(10)).until(() -> fixture.data.count("select count(*) from callbacks where prospect_id = ?",
                prospect) == 1);
        assertThat(fixture.data.text("select status || ': ' || moved_reason from callbacks where prospect_id = ?", prospect))
                .isEqualTo("CANCELLED: not scheduled: the number is on a do-not-call list");
        assertThat(data.status(prospect)).isEqualTo("DNC -");
    }

    @Test
    void anOptOutLeavesEveryHopperAtOnceAndCatchesTheCallInProgressAtItsOutcome() throws Exception {
        String phone = "+12125550231";
        long queued = data.prospect(list, phone, "America/New_York");
        data.queueAll(campaign);
        UUID other = data.campaignOpenAllDay(10);
        long inCall = data.prospect(data.list(other, 0, true, null), phone, "America/New_York");
        long call = fixture.dialing(inCall, 1);
        long neighbour = data.prospect(list, "+12125550232", "America/New_York");

        fixture.publish(new OptOutRequest(ScheduleRequest.VERSION, UUID.randomUUID(), data.workspace, phone, null, "api",
                Instant.now()));
        await().atMost(Duration.ofSeconds(10)).until(() -> data.status(queued).equals("DNC -"));
        assertThat(data.hopper(campaign)).isEmpty();
        assertThat(data.status(inCall)).isEqualTo("DIALING dialer");
        assertThat(data.status(neighbour)).isEqualTo("NEW -");

        fixture.publish(fixture.ended(call, CallOutcome.NO_ANSWER, Instant.now()));
        await().atMost(Duration.ofSeconds(10)).until(() -> data.status(inCall).equals("DNC -"));
    }

    @Test
    void anOperatorsRetryReopensAProspectThatHasAttemptsLeft() throws Exception {
        long done = data.prospect(list, "+12125550241", "America/New_York", "DONE", 1, "now()", null);
        long exhausted = data.prospect(list, "+12125550242", "America/New_York", "DONE", 3, "now()", null);
        Instant notBefore = Instant.parse("2030-01-01T15:00:00Z");
        for (long prospect : new long[] { exhausted, done }) {
            fixture.publish(new RetryRequest(ScheduleRequest.VERSION, UUID.randomUUID(), data.workspace, campaign, prospect, notBefore,
                    "operator", Instant.now()));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> data.status(done).equals("RETRY_WAIT -"));
        assertThat(fixture.data.text("select next_attempt_at = ?::timestamptz from prospects where id = ?", notBefore.toString(), done))
                .isEqualTo("t");
        assertThat(data.status(exhausted)).isEqualTo("DONE -");
    }
}
