package io.vaani.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.vaani.contracts.messages.BatchCommand;
import io.vaani.contracts.messages.CallbackRequest;
import io.vaani.contracts.messages.Message;
import io.vaani.contracts.messages.OptOutRequest;
import io.vaani.contracts.messages.ScheduleRequest;
import io.vaani.testing.TestData;
import io.vaani.testing.TestDatabase;
import io.vaani.testing.TestQueues;
import io.vaani.testing.TestRedis;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole dialing loop as deployed: ticker, hopper, dialer-core on a simulated network where
 * nobody answers, and two scheduler replicas, each its packaged application in its own JVM. Retries,
 * callbacks, delayed prospects, opt-outs and batch jobs go round the loop on the real servers.
 */
class SchedulerPipelineTest {
    static final String DATABASE = "vaani_test_pipeline";
    static final int REDIS_DB = 8;
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    static final List<ServiceProcess> services = new ArrayList<>();
    static ServiceProcess firstScheduler;
    static TestData data;
    static Connection rabbit;
    static Channel channel;

    @BeforeAll
    static void pipeline() throws Exception {
        TestDatabase.recreate(DATABASE);
        TestRedis.flush(REDIS_DB);
        TestQueues.purgeAll();
        data = new TestData(DATABASE);
        rabbit = TestQueues.factory().newConnection("pipeline-test");
        channel = rabbit.createChannel();
        services.add(ServiceProcess.start("dialer-ticker", "pipeline-ticker", DATABASE, REDIS_DB, Map.of()));
        services.add(ServiceProcess.start("dialer-hopper", "pipeline-hopper", DATABASE, REDIS_DB, Map.of()));
        services.add(ServiceProcess.start("dialer-core", "pipeline-dialer", DATABASE, REDIS_DB, Map.of(
                "vaani.dialer.simulator.speed", "30",
                "vaani.dialer.simulator.answer-rate", "0",
                "vaani.dialer.simulator.busy-rate", "0",
                "vaani.dialer.simulator.voicemail-rate", "0",
                "vaani.dialer.simulator.invalid-number-rate", "0",
                "vaani.dialer.simulator.ring-min", "2s",
                "vaani.dialer.simulator.ring-max", "10s",
                "vaani.dialer.lease-margin", "5s")));
        firstScheduler = ServiceProcess.start("scheduler-service", "pipeline-scheduler-1", DATABASE, REDIS_DB,
                Map.of("vaani.scheduler.reap-interval", "2s"));
        services.add(firstScheduler);
        services.add(ServiceProcess.start("scheduler-service", "pipeline-scheduler-2", DATABASE, REDIS_DB,
                Map.of("vaani.scheduler.reap-interval", "2s")));
    }

    @AfterAll
    static void stop() throws Exception {
        services.forEach(ServiceProcess::close);
        channel.close();
        rabbit.close();
        data.close();
    }

    /** A running campaign dialing every 2 s at any hour, whose unanswered calls are retried after {@code retrySeconds}. */
    static UUID campaign(int maxConcurrency, int maxAttempts, int retrySeconds) throws Exception {
        UUID campaign = data.campaignOpenAllDay(maxConcurrency);
        data.update("update campaigns set dialer_interval = 2, ring_timeout_seconds = 10, max_attempts = ?, "
                + "retry_rules = jsonb_build_object('NO_ANSWER', jsonb_build_object('delaySeconds', ?::int, 'maxAttempts', ?::int)) "
                + "where id = ?", maxAttempts, retrySeconds, maxAttempts, campaign);
        return campaign;
    }

    @Test
    void aCampaignNobodyAnswersTriesEveryProspectMaxAttemptsTimesSpacedByTheDelayThoughASchedulerDies() throws Exception {
        UUID campaign = campaign(10, 3, 5);
        prospects(data.list(campaign, 0, true, null), 40, "+1415");

        // Once the first retries are due, one scheduler replica dies without a word.
        await().atMost(Duration.ofSeconds(60)).until(() -> count("select count(*) from call_logs where campaign_id = ?", campaign) >= 45);
        firstScheduler.kill();

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() ->
                count("select count(*) from prospects where campaign_id = ? and status <> 'DONE'", campaign) == 0);
        assertThat(count("select count(*) from (select prospect_id from call_logs where campaign_id = ? group by prospect_id "
                + "having count(*) = 3) tried", campaign)).isEqualTo(40);
        assertThat(count("select count(*) from call_logs where campaign_id = ?", campaign)).isEqualTo(120);
        // Each attempt began at least the retry delay after the previous one ended: never early, never two at once.
        assertThat(count("select count(*) from (select created_at - lag(ended_at) over (partition by prospect_id order by id) gap "
                + "from call_logs where campaign_id = ?) g where gap < interval '5 seconds'", campaign)).isZero();
        System.out.printf("pipeline: 40 prospects x 3 attempts, gaps between attempts %s%n", data.longs("select "
                + "extract(epoch from min(gap) * 1000)::bigint from (select created_at - lag(ended_at) over (partition by prospect_id "
                + "order by id) gap from call_logs where campaign_id = ?) g", campaign).getFirst() + " ms at least");
    }

    @Test
    void aCallbackAndADelayedProspectAreDialedAtTheirTimeAndNotBefore() throws Exception {
        UUID campaign = campaign(10, 3, 3600);
        UUID list = data.list(campaign, 0, true, null);
        long waiting = data.prospect(list, "+12125550601", "America/New_York", "RETRY_WAIT", 1, "now() + interval '1 day'", null);
        long delayed = data.prospect(list, "+12125550602", "America/New_York", "NEW", 0, "now() + interval '8 seconds'", null);
        LocalDateTime inTenSeconds = LocalDateTime.now(NEW_YORK).plusSeconds(10).truncatedTo(ChronoUnit.SECONDS);
        publish(new CallbackRequest(ScheduleRequest.VERSION, UUID.randomUUID(), data.workspace, campaign, waiting, null, inTenSeconds,
                null, "call me back in ten seconds", Instant.now()));

        await().atMost(Duration.ofSeconds(40)).until(() -> count("select count(*) from call_logs where prospect_id = any(?) "
                + "and status = 'ENDED'", (Object) new Long[] { waiting, delayed }) == 2);
        assertThat(count("select count(*) from call_logs l join callbacks c on c.prospect_id = l.prospect_id "
                + "where l.prospect_id = ? and l.created_at >= c.due_at and c.status = 'DONE' and c.call_log_id = l.id", waiting)).isOne();
        assertThat(count("select count(*) from call_logs l join prospects p on p.id = l.prospect_id where p.id = ? "
                + "and l.created_at >= p.created_at + interval '8 seconds'", delayed)).isOne();
        assertThat(data.status(waiting)).isEqualTo("RETRY_WAIT -");
    }

    @Test
    void anOptOutDuringACampaignIsNeverDialedAgain() throws Exception {
        UUID campaign = campaign(10, 5, 2);
        prospects(data.list(campaign, 0, true, null), 30, "+1646");
        await().atMost(Duration.ofSeconds(60)).until(() -> count("select count(distinct prospect_id) from call_logs "
                + "where campaign_id = ? and status = 'ENDED'", campaign) == 30);
        List<Long> optedOut = data.longs("select id from prospects where campaign_id = ? order by id limit 5", campaign);
        for (long prospect : optedOut) {
            String phone = "+" + data.longs("select substr(phone, 2)::bigint from prospects where id = ?", prospect).getFirst();
            publish(new OptOutRequest(ScheduleRequest.VERSION, UUID.randomUUID(), data.workspace, phone, null, "api",
                    Instant.now()));
        }

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() ->
                count("select count(*) from prospects where campaign_id = ? and status not in ('DONE', 'DNC')", campaign) == 0);
        assertThat(count("select count(*) from prospects where id = any(?) and status = 'DNC'", (Object) optedOut.toArray(Long[]::new)))
                .isEqualTo(5);
        // A call claimed in the instant the opt-out committed may still go out; none is placed a second later.
        assertThat(count("select count(*) from call_logs l join dnc_entries d on d.phone = l.phone and d.workspace_id = l.workspace_id "
                + "where l.campaign_id = ? and l.created_at > d.created_at + interval '1 second'", campaign)).isZero();
        assertThat(count("select count(*) from call_logs where campaign_id = ? and prospect_id <> all(?)", campaign,
                (Object) optedOut.toArray(Long[]::new))).isEqualTo(25 * 5);
    }

    @Test
    void aBatchOf500NumbersAtMost20AtATimeEndsWithEveryItemFinal() throws Exception {
        UUID campaign = campaign(20, 1, 60);
        data.update("update campaigns set status = 'DRAFT', one_shot = true where id = ?", campaign);
        UUID job = data.uuid("insert into batch_jobs (workspace_id, agent_id, campaign_id, name, max_concurrency) values (?, ?, ?, 'Batch', 20) "
                + "returning id", data.workspace, data.agent, campaign);
        data.update("insert into batch_items (batch_job_id, phone, tz) select ?, '+1312' || lpad(n::text, 7, '0'), 'America/Chicago' "
                + "from generate_series(1, 500) n", job);
        publish(new BatchCommand(ScheduleRequest.VERSION, UUID.randomUUID(), data.workspace, job, BatchCommand.Action.START,
                Instant.now()));

        await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(1)).until(() ->
                count("select count(*) from batch_jobs where id = ? and status = 'COMPLETED'", job) == 1);
        assertThat(count("select final_items from batch_jobs where id = ?", job)).isEqualTo(500);
        assertThat(count("select count(*) from batch_items b join call_logs l on l.id = b.call_log_id where b.batch_job_id = ? "
                + "and b.status = 'DONE' and b.outcome = 'NO_ANSWER' and l.batch_item_id = b.id", job)).isEqualTo(500);
        long mostAtOnce = count("select max(n) from (select (select count(*) from call_logs b where b.campaign_id = a.campaign_id "
                + "and b.created_at <= a.created_at and b.ended_at > a.created_at) n from call_logs a where a.campaign_id = ?) c",
                campaign);
        assertThat(mostAtOnce).isBetween(10L, 20L);
        assertThat(count("select count(*) from campaigns where id = ? and status = 'COMPLETED'", campaign)).isOne();
        System.out.printf("pipeline: batch of 500 numbers, at most %d calls at once of 20%n", mostAtOnce);
    }

    /** {@code count} prospects numbered from {@code prefix}: each test its own numbers, as the workspace's DNC list is shared. */
    static void prospects(UUID list, int count, String prefix) throws Exception {
        data.update("insert into prospects (workspace_id, campaign_id, list_id, phone, tz) select workspace_id, campaign_id, id, "
                + "? || lpad(n::text, 7, '0'), 'America/New_York' from prospect_lists, generate_series(1, ?) n where id = ?",
                prefix, count, list);
    }

    static void publish(Message message) throws Exception {
        TestQueues.publish(channel, message);
    }

    static long count(String sql, Object... args) throws Exception {
        return data.count(sql, args);
    }
}
