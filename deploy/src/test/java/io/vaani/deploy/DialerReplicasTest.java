package io.vaani.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.vaani.contracts.messages.CampaignTick;
import io.vaani.testing.TestData;
import io.vaani.testing.TestDatabase;
import io.vaani.testing.TestQueues;
import io.vaani.testing.TestRedis;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two dialer-core processes (the packaged application, as deployed) share one campaign: together
 * they stay within its concurrency limit, and when one is killed mid-campaign (SIGKILL) the calls
 * it left behind are settled (the scheduler reaps their leases, the other replica ends them); no
 * prospect is lost or dialed twice.
 */
class DialerReplicasTest {
    static final String DATABASE = "vaani_test_replicas";
    static final int REDIS_DB = 6;
    static final int PROSPECTS = 300;
    static final int MAX_CONCURRENCY = 8;

    final List<ServiceProcess> services = new ArrayList<>();
    final ScheduledExecutorService background = Executors.newScheduledThreadPool(2);
    TestData data;

    @BeforeEach
    void servers() throws Exception {
        TestDatabase.recreate(DATABASE);
        TestRedis.flush(REDIS_DB);
        TestQueues.purgeAll();
        data = new TestData(DATABASE);
    }

    @AfterEach
    void stop() throws Exception {
        background.shutdownNow();
        services.forEach(ServiceProcess::close);
        data.close();
    }

    ServiceProcess replica(int n) throws Exception {
        ServiceProcess replica = ServiceProcess.start("dialer-core", "dialer-replica-" + n, DATABASE, REDIS_DB, Map.of(
                "vaani.dialer.simulator.speed", "30",
                "vaani.dialer.simulator.seed", String.valueOf(n),
                "vaani.dialer.simulator.agent-slots", "100",
                "vaani.dialer.lease-margin", "2s",
                "vaani.dialer.reconcile-interval", "2s"));
        services.add(replica);
        return replica;
    }

    @Test
    void replicasShareACampaignWithinItsLimitAndSurviveOneKilled() throws Exception {
        UUID campaign = data.campaignOpenAllDay(MAX_CONCURRENCY);
        data.update("update campaigns set dialer_interval = 2, call_ratio = 3.0, ring_timeout_seconds = 10 where id = ?", campaign);
        data.update("update agents set max_call_seconds = 30 where id = ?", data.agent);
        data.prospects(data.list(campaign, 0, true, null), PROSPECTS);
        data.queueAll(campaign);

        ServiceProcess first = replica(1);
        replica(2);
        // The scheduler moves prospects on after their calls and reaps the claims the killed replica leaves.
        services.add(ServiceProcess.start("scheduler-service", "replicas-scheduler", DATABASE, REDIS_DB,
                Map.of("vaani.scheduler.reap-interval", "1s")));
        AtomicLong seq = new AtomicLong();
        try (Connection rabbit = TestQueues.factory().newConnection("replicas-test"); Channel channel = rabbit.createChannel()) {
            background.scheduleAtFixedRate(() -> tick(channel, CampaignTick.of(campaign, seq.incrementAndGet(), Instant.now())), 0,
                    500, TimeUnit.MILLISECONDS);
            AtomicInteger mostConnected = new AtomicInteger();
            String connected = "vaani:calls:campaign:" + campaign + ":connected";
            background.scheduleAtFixedRate(() -> mostConnected.accumulateAndGet(
                    Integer.parseInt(TestRedis.call(REDIS_DB, "ZCARD", connected).substring(1)), Math::max), 0, 20,
                    TimeUnit.MILLISECONDS);

            // Both replicas dial; then the first dies without a word, calls in flight.
            await().atMost(Duration.ofSeconds(60)).until(() -> count("select count(distinct dialer_owner) from call_logs "
                    + "where campaign_id = ?", campaign) == 2 && count("select count(*) from call_logs where campaign_id = ?",
                            campaign) >= 60);
            first.kill();
            long inFlight = count("select count(*) from call_logs where campaign_id = ? and status <> 'ENDED'", campaign);

            await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    count("select count(*) from prospects where campaign_id = ? and status in ('QUEUED', 'DIALING')", campaign) == 0
                            && count("select count(*) from call_logs where campaign_id = ? and status <> 'ENDED'", campaign) == 0);

            assertThat(count("select count(*) from call_logs where campaign_id = ?", campaign)).isEqualTo(PROSPECTS);
            assertThat(count("select count(*) from (select prospect_id from call_logs where campaign_id = ? "
                    + "group by prospect_id having count(*) > 1) twice", campaign)).isZero();
            assertThat(count("select count(*) from prospects where campaign_id = ? "
                    + "and status not in ('COMPLETED', 'DONE', 'DNC', 'RETRY_WAIT')", campaign)).isZero();
            assertThat(mostConnected.get()).isBetween(1, MAX_CONCURRENCY);
            System.out.printf("replicas: %d calls, at most %d connected of %d, %d calls in flight at the kill, "
                    + "%d failed by lease expiry%n", PROSPECTS, mostConnected.get(), MAX_CONCURRENCY, inFlight,
                    count("select count(*) from call_logs where campaign_id = ? and error like 'no outcome before%'", campaign));
        }
    }

    static void tick(Channel channel, CampaignTick tick) {
        try {
            TestQueues.publish(channel, tick);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    long count(String sql, Object... args) throws Exception {
        return data.count(sql, args);
    }
}
