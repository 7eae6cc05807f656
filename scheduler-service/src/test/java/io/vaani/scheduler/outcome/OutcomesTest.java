package io.vaani.scheduler.outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vaani.contracts.amqp.RabbitConnection;
import io.vaani.contracts.domain.CallOutcome;
import io.vaani.contracts.messages.CallbackRequest;
import io.vaani.contracts.messages.ScheduleRequest;
import io.vaani.scheduler.SchedulerFixture;
import io.vaani.testing.RealServersResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Call outcomes, published on vaani.calls as dialer-core publishes them, move prospects on. */
@QuarkusTest
@WithTestResource(value = RealServersResource.class, initArgs = {
        @ResourceArg(name = "database", value = SchedulerFixture.DATABASE),
        @ResourceArg(name = "redis-db", value = "5") })
class OutcomesTest {
    @Inject
    RabbitConnection rabbit;
    SchedulerFixture fixture;
    UUID campaign;
    UUID list;

    @BeforeEach
    void data() throws Exception {
        fixture = new SchedulerFixture(rabbit);
        campaign = fixture.data.campaignOpenAllDay(10);
        fixture.data.update("update campaigns set retry_rules = '{\"NO_ANSWER\":{\"delaySeconds\":600,\"maxAttempts\":3}}' "
                + "where id = ?", campaign);
        list = fixture.data.list(campaign, 0, true, null);
    }

    @AfterEach
    void close() throws Exception {
        fixture.close();
    }

    @Test
    void retryRulesSpaceTheAttemptsAndEndTheLastOnceWhateverTheReplays() throws Exception {
        long prospect = fixture.data.prospect(list, "+14155550101", "America/New_York");
        long first = fixture.dialing(prospect, 1);
        Instant ended = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        // The event and its redelivery may be handled at once by two consumers: one moves the prospect.
        var outcome = fixture.ended(first, CallOutcome.NO_ANSWER, ended);
        fixture.publish(outcome);
        fixture.publish(outcome);

        await().atMost(Duration.ofSeconds(10)).until(() -> fixture.data.status(prospect).equals("RETRY_WAIT -"));
        assertThat(fixture.data.text("select next_attempt_at = ?::timestamptz + interval '600 seconds' and last_outcome = 'NO_ANSWER' "
                + "from prospects where id = ?", ended.toString(), prospect)).isEqualTo("t");

        long third = fixture.dialing(prospect, 3);
        fixture.publish(fixture.ended(third, CallOutcome.NO_ANSWER, Instant.now()));
        await().atMost(Duration.ofSeconds(10)).until(() -> fixture.data.status(prospect).equals("DONE -"));
        // A late event of an earlier call changes nothing.
        fixture.publish(fixture.ended(first, CallOutcome.BUSY, Instant.now()));
        long completed = fixture.data.prospect(list, "+14155550102", "America/New_York");
        fixture.publish(fixture.ended(fixture.dialing(completed, 1), CallOutcome.COMPLETED, Instant.now()));
        await().atMost(Duration.ofSeconds(10)).until(() -> fixture.data.status(completed).equals("COMPLETED -"));
        assertThat(fixture.data.status(prospect)).isEqualTo("DONE -");
    }

    @Test
    void anAbandonedCalleeWaitsOutTheLockout() throws Exception {
        long prospect = fixture.data.prospect(list, "+14155550111", "America/New_York");
        Instant ended = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        fixture.publish(fixture.ended(fixture.dialing(prospect, 1), CallOutcome.ABANDONED, ended));
        await().atMost(Duration.ofSeconds(10)).until(() -> fixture.data.status(prospect).equals("RETRY_WAIT -"));
        assertThat(fixture.data.text("select next_attempt_at = ?::timestamptz + interval '72 hours' from prospects where id = ?",
                ended.toString(), prospect)).isEqualTo("t");
    }

    @Test
    void anOptOutOutcomeBarsTheNumberAcrossTheWorkspace() throws Exception {
        String phone = "+14155550121";
        long inCall = fixture.data.prospect(list, phone, "America/New_York");
        UUID other = fixture.data.campaignOpenAllDay(10);
        long queued = fixture.data.prospect(fixture.data.list(other, 0, true, null), phone, "America/New_York");
        fixture.data.queueAll(other);
        long call = fixture.dialing(inCall, 1);

        fixture.publish(fixture.ended(call, CallOutcome.DNC, Instant.now()));

        await().atMost(Duration.ofSeconds(10)).until(() -> fixture.data.status(inCall).equals("DNC -"));
        assertThat(fixture.data.status(queued)).isEqualTo("DNC -");
        assertThat(fixture.data.hopper(other)).isEmpty();
        assertThat(fixture.data.text("select source || ' ' || reason from dnc_entries where workspace_id = ? and phone = ?",
                fixture.data.workspace, phone)).isEqualTo("CALL opted out during call " + call);
    }

    @Test
    void aCallbackAskedForDuringTheCallIsTheNextStepAndTheNextCallServesIt() throws Exception {
        long prospect = fixture.data.prospect(list, "+14155550131", "America/New_York");
        long call = fixture.dialing(prospect, 1);
        ZoneId newYork = ZoneId.of("America/New_York");
        LocalDateTime tomorrowAtFive = LocalDateTime.now(newYork).plusDays(1).withHour(17).withMinute(0).withSecond(0).withNano(0);
        fixture.publish(new CallbackRequest(ScheduleRequest.VERSION, UUID.randomUUID(), fixture.data.workspace, campaign, prospect,
                call, tomorrowAtFive, null, "call me tomorrow at 5", Instant.now()));
        await().atMost(Duration.ofSeconds(10)).until(() -> fixture.data.count("select count(*) from callbacks where prospect_id = ? "
                + "and status = 'PENDING'", prospect) == 1);
        assertThat(fixture.data.status(prospect)).as("in its call still").isEqualTo("DIALING dialer");

        fixture.publish(fixture.ended(call, CallOutcome.COMPLETED, Instant.now()));
        await().atMost(Duration.ofSeconds(10)).until(() -> fixture.data.status(prospect).equals("CALLBACK -"));
        Instant due = tomorrowAtFive.atZone(newYork).toInstant();
        assertThat(fixture.data.text("select next_attempt_at = ?::timestamptz from prospects where id = ?", due.toString(), prospect))
                .isEqualTo("t");

        // The callback comes due and is dialed: that call serves it, whatever its outcome.
        fixture.data.update("update callbacks set due_at = now() - interval '1 minute' where prospect_id = ?", prospect);
        long callback = fixture.dialing(prospect, 2);
        fixture.publish(fixture.ended(callback, CallOutcome.NO_ANSWER, Instant.now()));
        await().atMost(Duration.ofSeconds(10)).until(() -> fixture.data.status(prospect).equals("RETRY_WAIT -"));
        assertThat(fixture.data.text("select status || ' ' || call_log_id from callbacks where prospect_id = ?", prospect))
                .isEqualTo("DONE " + callback);
    }
}
