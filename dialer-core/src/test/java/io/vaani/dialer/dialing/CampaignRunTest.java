package io.vaani.dialer.dialing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vaani.contracts.amqp.RabbitConnection;
import io.vaani.contracts.messages.CampaignTick;
import io.vaani.contracts.topology.Exchanges;
import io.vaani.dialer.calls.CallKeys;
import io.vaani.dialer.simulator.SimulatorTelephony;
import io.vaani.testing.RealServersResource;
import io.vaani.testing.TestData;
import io.vaani.testing.TestQueues;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A campaign runs to its end on the real servers and the simulated network: ticks in, calls out,
 * outcomes back into call logs, prospects and counters; limits and do-not-call hold throughout.
 */
@QuarkusTest
@TestProfile(FastSimulator.class)
@WithTestResource(value = RealServersResource.class, initArgs = {
        @ResourceArg(name = "database", value = "vaani_test_dialer_run"),
        @ResourceArg(name = "redis-db", value = "5") })
class CampaignRunTest {
    static final int PROSPECTS = 300;
    static final int MAX_CONCURRENCY = 10;

    @Inject
    RabbitConnection rabbit;

    @Inject
    RedisDataSource redis;

    @Inject
    SimulatorTelephony network;

    TestData data;
    ScheduledExecutorService ticker = Executors.newScheduledThreadPool(2);

    @BeforeEach
    void data() throws Exception {
        data = new TestData("vaani_test_dialer_run");
    }

    @AfterEach
    void close() throws Exception {
        ticker.shutdownNow();
        data.close();
    }

    @Test
    void runsToTheEndWithinLimitsAndHonoursDoNotCallAddedMidway() throws Exception {
        UUID campaign = data.campaignOpenAllDay(MAX_CONCURRENCY);
        data.update("update campaigns set dialer_interval = 2, call_ratio = 2.5, ring_timeout_seconds = 30, pacing_mode = 'ADAPTIVE' "
                + "where id = ?", campaign);
        // Adaptive pacing forecasts from calls measured earlier: 200 placed two hours ago, half answered after about
        // a second, conversations of about 3 s.
        data.update("insert into campaign_stats (campaign_id, hour, placed, answered, completed, answer_delay_sum, "
                + "answer_delay_squares, talked, talk_log_sum, talk_log_squares) values (?, date_trunc('hour', now()) - "
                + "interval '2 hours', 200, 100, 100, 100, 110, 100, 110, 125)", campaign);
        data.update("update agents set max_call_seconds = 30 where id = ?", data.agent);
        data.prospects(data.list(campaign, 0, true, null), PROSPECTS);
        assertThat(data.queueAll(campaign)).isEqualTo(PROSPECTS);

        // Every outcome published on vaani.calls, counted per call.
        Map<String, Integer> outcomes = new ConcurrentHashMap<>();
        com.rabbitmq.client.Connection listener = TestQueues.factory().newConnection("outcome-listener");
        Channel channel = listener.createChannel();
        String queue = channel.queueDeclare().getQueue();
        channel.queueBind(queue, Exchanges.CALLS, "call.ended");
        channel.queueBind(queue, Exchanges.CALLS, "call.failed");
        channel.basicConsume(queue, true, (tag, delivery) -> outcomes.merge(delivery.getProperties().getMessageId(), 1, Integer::sum),
                tag -> {
                });

        AtomicLong seq = new AtomicLong();
        ticker.scheduleAtFixedRate(() -> rabbit.publish(CampaignTick.of(campaign, seq.incrementAndGet(), Instant.now())), 0, 500,
                TimeUnit.MILLISECONDS);
        AtomicInteger mostConnected = new AtomicInteger();
        String connected = CallKeys.of(campaign, data.workspace, "vaani-agent").campaignConnected();
        ticker.scheduleAtFixedRate(() -> mostConnected.accumulateAndGet(
                (int) redis.sortedSet(String.class).zcard(connected), Math::max), 0, 20, TimeUnit.MILLISECONDS);

        // Once calls flow, the last 30 numbers still queued join the do-not-call list.
        await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from call_logs where campaign_id = ?", campaign) >= 40);
        List<Long> barred = data.longs("select prospect_id from hopper_entries where campaign_id = ? order by id desc limit 30", campaign);
        assertThat(barred).hasSize(30);
        for (long prospect : barred) {
            data.update("insert into dnc_entries (workspace_id, phone) select workspace_id, phone from prospects where id = ?", prospect);
        }

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() ->
                count("select count(*) from hopper_entries where campaign_id = ?", campaign) == 0
                        && count("select count(*) from call_logs where campaign_id = ? and status <> 'ENDED'", campaign) == 0);

        long calls = count("select count(*) from call_logs where campaign_id = ?", campaign);
        assertThat(calls).isEqualTo(PROSPECTS - 30);
        // Exactly one outcome event per call.
        await().atMost(Duration.ofSeconds(5)).until(() -> outcomes.size() == calls);
        assertThat(outcomes.values()).containsOnly(1);
        listener.close();
        // Never a number on the list, and every other prospect dialed exactly once (no hopper refills here).
        assertThat(count("select count(*) from call_logs l join dnc_entries d on d.phone = l.phone where l.campaign_id = ?",
                campaign)).isZero();
        assertThat(count("select count(*) from (select prospect_id from call_logs where campaign_id = ? group by prospect_id "
                + "having count(*) > 1) twice", campaign)).isZero();
        assertThat(count("select count(*) from prospects where campaign_id = ? and id = any(?) and status = 'NEW'", campaign,
                barred.toArray(Long[]::new))).isEqualTo(30);
        assertThat(redis.hash(String.class).hget(DialerStatus.key(campaign), "skipped.DO_NOT_CALL")).isEqualTo("30");
        // Every dialed prospect waits, DIALING under its ended call, for the scheduler to decide its next step.
        assertThat(count("select count(*) from prospects p join call_logs l on l.id = p.last_call_log_id where p.campaign_id = ? "
                + "and p.status = 'DIALING' and l.status = 'ENDED'", campaign)).isEqualTo(calls);
        String thisHour = " from campaign_stats where campaign_id = ? and hour > now() - interval '1 hour'";
        assertThat(count("select coalesce(sum(placed), 0)" + thisHour, campaign)).isEqualTo(calls);
        // What the next forecasts measure: the calls that held an agent, and how long the answered ones rang.
        long answered = count("select count(*) from call_logs where campaign_id = ? and outcome in ('COMPLETED', 'ABANDONED')",
                campaign);
        assertThat(count("select sum(talked)" + thisHour, campaign)).isEqualTo(
                count("select count(*) from call_logs where campaign_id = ? and outcome = 'COMPLETED'", campaign));
        assertThat(count("select sum(answered)" + thisHour, campaign)).isEqualTo(answered);
        assertThat(count("select count(*)" + thisHour + " and answer_delay_sum > 0 and talk_log_sum > 0", campaign)).isPositive();
        // The limit held at every sample, and was reached: the sampling could have seen a breach.
        assertThat(mostConnected.get()).isBetween(1, MAX_CONCURRENCY);
        assertThat(network.mostTalking(campaign)).isBetween(MAX_CONCURRENCY / 2, MAX_CONCURRENCY);
        assertThat(count("select count(*) from call_logs where campaign_id = ? and outcome = 'COMPLETED'", campaign)).isPositive();
        // Every slot the campaign held is free again (other tests' calls share the global count).
        CallKeys keys = CallKeys.of(campaign, data.workspace, "vaani-agent");
        await().atMost(Duration.ofSeconds(5)).until(() -> redis.sortedSet(String.class).zcard(keys.campaignRinging()) == 0
                && redis.sortedSet(String.class).zcard(keys.campaignConnected()) == 0);
    }

    long count(String sql, Object... args) throws Exception {
        return data.longs(sql, args).getFirst();
    }
}
