package io.vaani.scheduler.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vaani.contracts.amqp.RabbitConnection;
import io.vaani.contracts.domain.CallOutcome;
import io.vaani.contracts.messages.BatchCommand;
import io.vaani.contracts.messages.CampaignChanged;
import io.vaani.contracts.messages.ScheduleRequest;
import io.vaani.contracts.topology.Exchanges;
import io.vaani.scheduler.SchedulerFixture;
import io.vaani.testing.RealServersResource;
import io.vaani.testing.TestData;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Batch jobs run as one-shot campaigns: items become prospects, follow their outcomes, and end the job. */
@QuarkusTest
@WithTestResource(value = RealServersResource.class, initArgs = {
        @ResourceArg(name = "database", value = SchedulerFixture.DATABASE),
        @ResourceArg(name = "redis-db", value = "5") })
class BatchDispatcherTest {
    @Inject
    RabbitConnection rabbit;
    SchedulerFixture fixture;
    TestData data;
    final Queue<CampaignChanged> notices = new ConcurrentLinkedQueue<>();

    @BeforeEach
    void data() throws Exception {
        fixture = new SchedulerFixture(rabbit);
        data = fixture.data;
        rabbit.subscribeEach(Exchanges.CAMPAIGNS, CampaignChanged.ROUTING_KEY, CampaignChanged.class, notice -> {
            notices.add(notice);
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        });
    }

    @AfterEach
    void close() throws Exception {
        fixture.close();
    }

    /** A job of {@code phones} on a fresh one-shot campaign (as the API creates it); returns the job. */
    UUID job(List<String> phones) throws Exception {
        UUID campaign = data.campaignOpenAllDay(20);
        data.update("update campaigns set status = 'DRAFT', one_shot = true, max_attempts = 2 where id = ?", campaign);
        UUID job = fixture.data.uuid("insert into batch_jobs (workspace_id, agent_id, campaign_id, name, max_concurrency) "
                + "values (?, ?, ?, 'Reminders', 20) returning id", data.workspace, data.agent, campaign);
        for (String phone : phones) {
            data.update("insert into batch_items (batch_job_id, phone, variables, tz) values (?, ?, '{\"name\":\"A\"}', "
                    + "'America/Chicago')", job, phone);
        }
        return job;
    }

    void command(UUID job, BatchCommand.Action action) {
        fixture.publish(new BatchCommand(ScheduleRequest.VERSION, UUID.randomUUID(), data.workspace, job, action, Instant.now()));
    }

    UUID campaignOf(UUID job) throws Exception {
        return fixture.data.uuid("select campaign_id from batch_jobs where id = ?", job);
    }

    String jobState(UUID job) throws Exception {
        return fixture.data.text("select status || ' ' || final_items || '/' || total_items from batch_jobs where id = ?", job);
    }

    @Test
    void startMakesItemsProspectsAndTheJobCompletesWithItsLastFinalItem() throws Exception {
        UUID job = job(List.of("+13125550401", "+13125550402", "not a number", "+13125550401", "+13125550403",
                "+13125550404", "+13125550405"));
        UUID campaign = campaignOf(job);
        command(job, BatchCommand.Action.START);

        await().atMost(Duration.ofSeconds(10)).until(() -> fixture.data.count("select count(*) from prospects where campaign_id = ?",
                campaign) == 5 && jobState(job).equals("RUNNING 2/7"));
        assertThat(fixture.data.text("select string_agg(error, ', ' order by id) from batch_items where batch_job_id = ? "
                + "and status = 'REJECTED'", job)).isEqualTo("not an E.164 phone number, the number is already in this batch");
        assertThat(fixture.data.text("select status from campaigns where id = ?", campaign)).isEqualTo("RUNNING");
        assertThat(fixture.data.count("select count(*) from prospects p join batch_items b on b.prospect_id = p.id "
                + "where p.campaign_id = ? and p.tz = 'America/Chicago' and p.variables ->> 'name' = 'A'", campaign)).isEqualTo(5);
        await().atMost(Duration.ofSeconds(5)).until(() -> notices.stream().anyMatch(n -> n.campaignId().equals(campaign)
                && n.status().name().equals("RUNNING")));

        // Four answer; one is busy, retried, then busy again: its item stays open until its last attempt.
        List<Long> prospects = data.longs("select id from prospects where campaign_id = ? order by id", campaign);
        for (long prospect : prospects) {
            long call = fixture.dialing(prospect, 1);
            CallOutcome outcome = prospect == prospects.getLast() ? CallOutcome.BUSY : CallOutcome.COMPLETED;
            fixture.publish(fixture.ended(call, outcome, Instant.now()));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> jobState(job).equals("RUNNING 6/7"));
        assertThat(fixture.data.text("select status || ' ' || attempts from batch_items where prospect_id = ?", prospects.getLast()))
                .isEqualTo("PENDING 1");

        long retry = fixture.dialing(prospects.getLast(), 2);
        fixture.publish(fixture.ended(retry, CallOutcome.BUSY, Instant.now()));
        await().atMost(Duration.ofSeconds(10)).until(() -> jobState(job).equals("COMPLETED 7/7"));
        assertThat(fixture.data.text("select status || ' ' || outcome || ' ' || attempts || ' ' || call_log_id from batch_items "
                + "where prospect_id = ?", prospects.getLast())).isEqualTo("DONE BUSY 2 " + retry);
        assertThat(fixture.data.text("select status from campaigns where id = ?", campaign)).isEqualTo("COMPLETED");
        await().atMost(Duration.ofSeconds(5)).until(() -> notices.stream().anyMatch(n -> n.campaignId().equals(campaign)
                && n.status().name().equals("COMPLETED")));
    }

    @Test
    void pauseResumeAndCancelLetTheCallInProgressFinish() throws Exception {
        UUID job = job(List.of("+13125550411", "+13125550412", "+13125550413", "+13125550414"));
        UUID campaign = campaignOf(job);
        command(job, BatchCommand.Action.START);
        await().atMost(Duration.ofSeconds(10)).until(() -> jobState(job).equals("RUNNING 0/4")
                && fixture.data.count("select count(*) from prospects where campaign_id = ?", campaign) == 4);

        command(job, BatchCommand.Action.PAUSE);
        await().atMost(Duration.ofSeconds(10)).until(() -> jobState(job).equals("PAUSED 0/4"));
        assertThat(fixture.data.text("select status from campaigns where id = ?", campaign)).isEqualTo("PAUSED");
        command(job, BatchCommand.Action.RESUME);
        await().atMost(Duration.ofSeconds(10)).until(() -> jobState(job).equals("RUNNING 0/4"));

        long inCall = data.longs("select id from prospects where campaign_id = ? order by id limit 1", campaign).getFirst();
        long call = fixture.dialing(inCall, 1);
        command(job, BatchCommand.Action.CANCEL);
        await().atMost(Duration.ofSeconds(10)).until(() -> jobState(job).equals("CANCELLED 3/4"));
        assertThat(fixture.data.text("select status from campaigns where id = ?", campaign)).isEqualTo("STOPPED");
        assertThat(fixture.data.count("select count(*) from prospects where campaign_id = ? and status = 'DONE'", campaign)).isEqualTo(3);
        assertThat(fixture.data.count("select count(*) from batch_items where batch_job_id = ? and status = 'CANCELLED'", job)).isEqualTo(3);

        // The call in progress ends; a cancelled job retries nothing.
        fixture.publish(fixture.ended(call, CallOutcome.NO_ANSWER, Instant.now()));
        await().atMost(Duration.ofSeconds(10)).until(() -> jobState(job).equals("CANCELLED 4/4"));
        assertThat(data.status(inCall)).isEqualTo("DONE -");
        assertThat(fixture.data.text("select status || ' ' || outcome from batch_items where prospect_id = ?", inCall))
                .isEqualTo("DONE NO_ANSWER");
        command(job, BatchCommand.Action.RESUME); // changes nothing any more
        command(job, BatchCommand.Action.START);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> jobState(job).equals("CANCELLED 4/4"));
    }
}
