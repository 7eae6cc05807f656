package io.vaani.ticker.bench;

import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vaani.contracts.amqp.RabbitConnection;
import io.vaani.testing.RealServersResource;
import io.vaani.testing.TestQueues;
import io.vaani.ticker.OwnReplicasOnly;
import io.vaani.ticker.clock.TickerMetrics;
import io.vaani.ticker.clock.TickerNode;
import io.vaani.ticker.lease.ClockLeases;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test (deploy/local/bench.sh ticker): two replicas tick 500 campaigns every 2 s
 * for 30 s, publishing with confirms to the real broker; prints how late ticks were published
 * after their due time, and how long the broker took to confirm them.
 */
@Tag("bench")
@QuarkusTest
@TestProfile(OwnReplicasOnly.class)
@WithTestResource(value = RealServersResource.class, initArgs = {
        @ResourceArg(name = "database", value = "vaani_bench_ticker"),
        @ResourceArg(name = "redis-db", value = "11") })
class TickerLatenessBench {
    static final int CAMPAIGNS = Integer.getInteger("bench.campaigns", 500);
    static final Duration RUN = Duration.ofSeconds(Integer.getInteger("bench.seconds", 30));

    @Inject
    RedisDataSource redis;
    @Inject
    RabbitConnection rabbit;

    @Test
    void latenessOfTicks() throws Exception {
        Map<UUID, Duration> running = IntStream.range(0, CAMPAIGNS).mapToObj(i -> UUID.randomUUID())
                .collect(Collectors.toMap(Function.identity(), c -> Duration.ofSeconds(2)));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Timer confirms = Timer.builder("confirm").publishPercentiles(0.5, 0.99).register(registry);
        List<TickerMetrics> metrics = List.of(new TickerMetrics(new SimpleMeterRegistry()), new TickerMetrics(new SimpleMeterRegistry()));
        List<TickerNode> nodes = IntStream.range(0, 2).mapToObj(i -> new TickerNode("bench-" + i, new ClockLeases(redis),
                () -> running, tick -> {
                    long sent = System.nanoTime();
                    return rabbit.publish(tick).whenComplete((ok, e) -> confirms.record(System.nanoTime() - sent, TimeUnit.NANOSECONDS));
                }, metrics.get(i), Duration.ofSeconds(10), Duration.ofSeconds(1), Clock.systemUTC())).toList();
        nodes.forEach(TickerNode::start);
        await().pollDelay(RUN).atMost(RUN.plusSeconds(5)).until(() -> true); // runs for a fixed time
        nodes.forEach(TickerNode::close);
        TestQueues.purgeAll();

        long published = metrics.stream().mapToLong(m -> m.lateness().count()).sum();
        System.out.printf("%nBENCH ticker: %d campaigns every 2 s on 2 replicas for %d s: %,d ticks (%.0f/s)%n", CAMPAIGNS,
                RUN.toSeconds(), published, published / (double) RUN.toSeconds());
        for (int i = 0; i < metrics.size(); i++) {
            Timer lateness = metrics.get(i).lateness();
            System.out.printf("BENCH ticker: replica %d lateness after due time: %,d ticks, %s, max %.1f ms%n", i, lateness.count(),
                    percentiles(lateness), lateness.max(TimeUnit.MILLISECONDS));
        }
        System.out.printf("BENCH ticker: broker confirm of a tick: %s, max %.1f ms%n%n", percentiles(confirms),
                confirms.max(TimeUnit.MILLISECONDS));
    }

    private static String percentiles(Timer timer) {
        StringBuilder text = new StringBuilder();
        for (ValueAtPercentile p : timer.takeSnapshot().percentileValues()) {
            text.append(text.isEmpty() ? "" : ", ").append("p%.0f %.1f ms".formatted(p.percentile() * 100, p.value(TimeUnit.MILLISECONDS)));
        }
        return text.toString();
    }
}
