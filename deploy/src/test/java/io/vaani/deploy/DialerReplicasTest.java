package io.vaani.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.MessageProperties;
import io.vaani.contracts.messages.CampaignTick;
import io.vaani.contracts.messages.MessageJson;
import io.vaani.contracts.topology.Exchanges;
import io.vaani.testing.RealServers;
import io.vaani.testing.TestData;
import io.vaani.testing.TestDatabase;
import io.vaani.testing.TestQueues;
import io.vaani.testing.TestRedis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
 * they stay within its concurrency limit, and when one is killed mid-campaign (SIGKILL) the other
 * settles the calls it left behind; no prospect is lost or dialed twice.
 */
class DialerReplicasTest {
    static final String DATABASE = "vaani_test_replicas";
    static final int REDIS_DB = 6;
    static final int PROSPECTS = 300;
    static final int MAX_CONCURRENCY = 8;
    static final Path JAR = Path.of("..", "dialer-core", "target", "quarkus-app", "quarkus-run.jar");

    final List<Process> replicas = new ArrayList<>();
    final ScheduledExecutorService background = Executors.newScheduledThreadPool(2);
    TestData data;

    @BeforeEach
    void servers() throws Exception {
        assertThat(JAR).as("dialer-core is packaged before this module's tests (mvn verify builds it first)").exists();
        TestDatabase.recreate(DATABASE);
        TestRedis.flush(REDIS_DB);
        TestQueues.purgeAll();
        data = new TestData(DATABASE);
    }

    @AfterEach
    void stop() throws Exception {
        background.shutdownNow();
        replicas.forEach(Process::destroyForcibly);
        data.close();
    }

    Process replica(int n) throws Exception {
        Path log = Path.of("target", "dialer-replica-" + n + ".log");
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(
                "-Dquarkus.http.port=0",
                "-Dquarkus.datasource.reactive.url=postgresql://" + RealServers.HOST + ":" + RealServers.PG_PORT + "/" + DATABASE,
                "-Dquarkus.datasource.username=" + RealServers.PG_USER,
                "-Dquarkus.datasource.password=" + RealServers.PG_PASSWORD,
                "-Dquarkus.redis.hosts=redis://" + RealServers.HOST + ":" + RealServers.REDIS_PORT + "/" + REDIS_DB,
                "-Dvaani.rabbitmq.host=" + RealServers.HOST,
                "-Dvaani.rabbitmq.port=" + RealServers.AMQP_PORT,
                "-Dvaani.rabbitmq.username=" + RealServers.AMQP_USER,
                "-Dvaani.rabbitmq.password=" + RealServers.AMQP_PASSWORD,
                "-Dvaani.rabbitmq.virtual-host=" + RealServers.AMQP_VHOST,
                "-Dvaani.dialer.simulator.speed=30",
                "-Dvaani.dialer.simulator.seed=" + n,
                "-Dvaani.dialer.simulator.agent-slots=100",
                "-Dvaani.dialer.lease-margin=2s",
                "-Dvaani.dialer.reap-interval=1s",
                "-Dvaani.dialer.reconcile-interval=2s",
                "-jar", JAR.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        replicas.add(process);
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(log).contains("started in")
                || !process.isAlive());
        assertThat(process.isAlive()).as("replica %d started (see %s)", n, log).isTrue();
        return process;
    }

    @Test
    void replicasShareACampaignWithinItsLimitAndSurviveOneKilled() throws Exception {
        UUID campaign = data.campaignOpenAllDay(MAX_CONCURRENCY);
        data.update("update campaigns set dialer_interval = 2, call_ratio = 3.0, ring_timeout_seconds = 10 where id = ?", campaign);
        data.update("update agents set max_call_seconds = 30 where id = ?", data.agent);
        data.prospects(data.list(campaign, 0, true, null), PROSPECTS);
        data.queueAll(campaign);

        Process first = replica(1);
        replica(2);
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
            first.destroyForcibly().waitFor();
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
            synchronized (channel) {
                channel.basicPublish(Exchanges.TICKS, tick.routingKey(), MessageProperties.PERSISTENT_BASIC.builder()
                        .contentType("application/json").messageId(tick.messageId()).type("CampaignTick").build(),
                        MessageJson.write(tick));
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    long count(String sql, Object... args) throws Exception {
        return data.longs(sql, args).getFirst();
    }
}
