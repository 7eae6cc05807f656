package io.vaani.hopper.trigger;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vaani.contracts.amqp.RabbitConnection;
import io.vaani.contracts.messages.CampaignChanged;
import io.vaani.contracts.messages.CampaignTick;
import io.vaani.contracts.topology.Queues;
import io.vaani.hopper.config.HopperConfig;
import io.vaani.hopper.fill.FillResult;
import io.vaani.hopper.fill.HopperFiller;
import io.vaani.hopper.fill.SkipCensus;
import io.vaani.hopper.metrics.HopperMetrics;
import io.vaani.hopper.status.HopperStatusStore;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Singleton;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * When hoppers are filled: on every tick of a running campaign and on every change of a
 * campaign (competing consumers: one replica handles each), and periodically for campaigns that
 * stopped with entries left, should their change event have been lost.
 */
@Singleton
public class FillTriggers {
    private final HopperFiller filler;
    private final SkipCensus census;
    private final HopperStatusStore status;
    private final HopperMetrics metrics;
    private final HopperConfig config;

    FillTriggers(HopperFiller filler, SkipCensus census, HopperStatusStore status, HopperMetrics metrics, HopperConfig config) {
        this.filler = filler;
        this.census = census;
        this.status = status;
        this.metrics = metrics;
        this.config = config;
    }

    void subscribe(@Observes Startup startup, RabbitConnection rabbit) {
        rabbit.subscribe(Queues.HOPPER_TICKS, CampaignTick.class, tick -> fill(tick.campaignId()));
        rabbit.subscribe(Queues.HOPPER_CAMPAIGNS, CampaignChanged.class, change -> fill(change.campaignId()));
    }

    /** Fills; the message is acknowledged once the fill has committed. The census runs on its own. */
    CompletionStage<FillResult> fill(UUID campaignId) {
        return filler.fill(campaignId)
                .invoke(metrics::record)
                .call(result -> result.outcome() == FillResult.Outcome.BUSY ? Uni.createFrom().voidItem() : status.save(result))
                .invoke(result -> {
                    if (result.outcome() == FillResult.Outcome.FILLED) {
                        takeCensusIfDue(campaignId);
                    }
                })
                .subscribeAsCompletionStage();
    }

    private void takeCensusIfDue(UUID campaignId) {
        status.claimCensus(campaignId, config.censusInterval())
                .chain(due -> due ? census.count(campaignId) : Uni.createFrom().nullItem())
                .call(counts -> counts == null || counts.isEmpty() ? Uni.createFrom().voidItem()
                        : status.save(campaignId, counts.get()).invoke(() -> metrics.record(campaignId, counts.get())))
                .subscribe().with(ignored -> {
                }, failure -> Log.warnf("skip census of campaign %s failed: %s", campaignId, failure.getMessage()));
    }

    @Scheduled(every = "${vaani.hopper.sweep-interval:30s}", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweepStoppedCampaigns() {
        return filler.stoppedWithEntries()
                .onItem().transformToMulti(ids -> Multi.createFrom().iterable(ids))
                .onItem().transformToUniAndConcatenate(id -> filler.purge(id)
                        .invoke(purged -> Log.infof("emptied the hopper of stopped campaign %s (%d entries)", id, purged)))
                .collect().last().replaceWithVoid();
    }
}
