package io.vaani.ticker.clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vaani.contracts.amqp.RabbitConnection;
import io.vaani.contracts.messages.CampaignChanged;
import io.vaani.contracts.runtime.Instance;
import io.vaani.contracts.topology.Exchanges;
import io.vaani.ticker.campaign.RunningCampaigns;
import io.vaani.ticker.config.TickerConfig;
import io.vaani.ticker.lease.ClockLeases;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;

/**
 * Runs this replica's {@link TickerNode}: ticks go to RabbitMQ, every campaign change makes it
 * look again at once (each replica gets its own copy), and on shutdown its campaigns are handed
 * over without waiting for their leases to lapse.
 */
@Singleton
public class TickerLifecycle {
    private final TickerNode node;
    private final TickerConfig config;

    TickerLifecycle(TickerConfig config, Instance instance, RedisDataSource redis, RunningCampaigns running,
            RabbitConnection rabbit, MeterRegistry registry, Clock clock) {
        this.config = config;
        this.node = new TickerNode(instance.id(), new ClockLeases(redis), running::intervals, rabbit::publish,
                new TickerMetrics(registry), config.leaseDuration(), config.roundInterval(), clock);
    }

    void start(@Observes Startup startup, RabbitConnection rabbit) {
        if (!config.enabled()) {
            Log.info("ticking is disabled on this replica (vaani.ticker.enabled=false)");
            return;
        }
        rabbit.subscribeEach(Exchanges.CAMPAIGNS, CampaignChanged.ROUTING_KEY, CampaignChanged.class, change -> {
            node.roundNow();
            return CompletableFuture.completedFuture(null);
        });
        node.start();
        Log.infof("ticker %s started: lease %s, round every %s", node.id(), config.leaseDuration(), config.roundInterval());
    }

    @PreDestroy
    void stop() {
        node.close();
    }
}
