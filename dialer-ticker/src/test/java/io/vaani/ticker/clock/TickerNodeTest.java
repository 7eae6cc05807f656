package io.vaani.ticker.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vaani.contracts.messages.CampaignTick;
import io.vaani.ticker.OwnReplicasOnly;
import io.vaani.ticker.lease.ClockLeases;
import io.vaani.testing.RealServersResource;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Several ticker replicas on real Redis: one clock per campaign, failover within a lease, no going back. */
@QuarkusTest
@TestProfile(OwnReplicasOnly.class)
@WithTestResource(value = RealServersResource.class, initArgs = {
        @ResourceArg(name = "database", value = "vaani_test_dialer_ticker_nodes"),
        @ResourceArg(name = "redis-db", value = "8") })
class TickerNodeTest {
    static final Duration LEASE = Duration.ofSeconds(2);
    static final Duration ROUND = Duration.ofMillis(250);
    static final Duration INTERVAL = Duration.ofSeconds(1);

    record Tick(String node, UUID campaign, long seq, Instant at) {
    }

    @Inject
    RedisDataSource redis;

    final List<Tick> ticks = new CopyOnWriteArrayList<>();
    final List<TickerNode> nodes = new ArrayList<>();
    final Map<UUID, Duration> running = IntStream.range(0, 16).mapToObj(i -> UUID.randomUUID())
            .collect(Collectors.toMap(Function.identity(), c -> INTERVAL));

    TickerNode node(String id) {
        TickerNode node = new TickerNode(id, new ClockLeases(redis), () -> Map.copyOf(running), tick -> {
            ticks.add(new Tick(id, tick.campaignId(), tick.seq(), tick.at()));
            return CompletableFuture.completedFuture(null);
        }, new TickerMetrics(new SimpleMeterRegistry()), LEASE, ROUND, Clock.systemUTC());
        nodes.add(node);
        node.start();
        return node;
    }

    @AfterEach
    void stopNodes() {
        nodes.forEach(TickerNode::halt);
    }

    @Test
    void eachCampaignTicksOnExactlyOneReplicaAndMovesWhenItDies() {
        TickerNode a = node("replica-a-" + UUID.randomUUID());
        TickerNode b = node("replica-b-" + UUID.randomUUID());
        await().atMost(Duration.ofSeconds(10)).until(() -> ticked(running.keySet(), Instant.MIN));
        Instant steady = Instant.now().plusSeconds(1);
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> true);

        Map<UUID, Set<String>> tickers = ticks.stream().filter(t -> t.at().isAfter(steady))
                .collect(Collectors.groupingBy(Tick::campaign, Collectors.mapping(Tick::node, Collectors.toSet())));
        assertThat(tickers).hasSize(16);
        assertThat(tickers.values()).allSatisfy(owners -> assertThat(owners).hasSize(1));
        assertThat(tickers.values().stream().flatMap(Set::stream).distinct()).as("both replicas take a share")
                .containsExactlyInAnyOrder(a.id(), b.id());

        Set<UUID> ofA = tickers.entrySet().stream().filter(e -> e.getValue().contains(a.id())).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        a.halt();
        Instant died = Instant.now();
        await().atMost(Duration.ofSeconds(10)).until(() -> ticked(ofA, died, b.id()));
        Instant lastTakeover = ofA.stream().map(c -> firstTick(c, died, b.id())).max(Comparator.naturalOrder()).orElseThrow();
        assertThat(Duration.between(died, lastTakeover)).as("failover within a lease, a round and an interval")
                .isLessThan(LEASE.plus(ROUND).plus(INTERVAL).plusMillis(500));
        assertNeverBackwardsNorBursting();
    }

    @Test
    void aReplicaThatShutsDownHandsOverAtOnce() {
        TickerNode a = node("replica-a-" + UUID.randomUUID());
        await().atMost(Duration.ofSeconds(10)).until(() -> ticked(running.keySet(), Instant.MIN));
        a.close();
        Instant left = Instant.now();
        TickerNode c = node("replica-c-" + UUID.randomUUID());
        await().atMost(Duration.ofSeconds(5)).until(() -> ticked(running.keySet(), left, c.id()));
        assertThat(Duration.between(left, running.keySet().stream().map(id -> firstTick(id, left, c.id()))
                .max(Comparator.naturalOrder()).orElseThrow())).isLessThan(ROUND.plus(INTERVAL).plusMillis(500));
        assertNeverBackwardsNorBursting();
    }

    @Test
    void aCampaignThatStopsRunningStopsTicking() {
        node("replica-a-" + UUID.randomUUID());
        UUID paused = running.keySet().iterator().next();
        await().atMost(Duration.ofSeconds(10)).until(() -> ticked(Set.of(paused), Instant.MIN));
        running.remove(paused);
        Instant removed = Instant.now();
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> true);
        assertThat(ticks.stream().filter(t -> t.campaign().equals(paused) && t.at().isAfter(removed.plus(ROUND).plusMillis(100))))
                .isEmpty();
    }

    private void assertNeverBackwardsNorBursting() {
        Map<UUID, List<Tick>> byCampaign = ticks.stream().collect(Collectors.groupingBy(Tick::campaign));
        byCampaign.forEach((campaign, list) -> {
            for (int i = 1; i < list.size(); i++) {
                assertThat(list.get(i).seq()).as("seq of " + campaign).isGreaterThan(list.get(i - 1).seq());
                assertThat(Duration.between(list.get(i - 1).at(), list.get(i).at())).as("gap of " + campaign)
                        .isGreaterThan(INTERVAL.dividedBy(2));
            }
        });
    }

    private boolean ticked(Set<UUID> campaigns, Instant after, String... by) {
        return campaigns.stream().allMatch(c -> firstTick(c, after, by) != null);
    }

    private Instant firstTick(UUID campaign, Instant after, String... by) {
        return ticks.stream().filter(t -> t.campaign().equals(campaign) && t.at().isAfter(after)
                && (by.length == 0 || t.node().equals(by[0]))).map(Tick::at).findFirst().orElse(null);
    }
}
