package io.vaani.scheduler.lifecycle;

import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vaani.contracts.amqp.RabbitConnection;
import io.vaani.contracts.messages.CallEvent;
import io.vaani.contracts.messages.CampaignChanged;
import io.vaani.contracts.messages.Message;
import jakarta.inject.Singleton;
import java.util.List;

/** Publishes the scheduler's messages with confirms, retrying through a short broker outage ({@link RabbitConnection#publishRetrying}). */
@Singleton
public class Publisher {
    private final RabbitConnection rabbit;
    private final ReactiveRedisDataSource redis;

    Publisher(RabbitConnection rabbit, ReactiveRedisDataSource redis) {
        this.rabbit = rabbit;
        this.redis = redis;
    }

    public Uni<Void> publish(Message message) {
        return Uni.createFrom().completionStage(() -> rabbit.publishRetrying(message));
    }

    /** Campaign changes a committed transaction made; a notice lost here is healed by the services' reconcile with the database. */
    public Uni<Void> publishAll(List<CampaignChanged> notices) {
        Uni<Void> all = Uni.createFrom().voidItem();
        for (CampaignChanged notice : notices) {
            Log.infof("campaign %s is now %s", notice.campaignId(), notice.status());
            all = all.chain(() -> publish(notice));
        }
        return all;
    }

    /** A final call event, unless another final event of the call was published first (the dialer's, say). */
    public Uni<Boolean> publishFinal(CallEvent event) {
        List<String> take = CallEvent.takeFinalGuard(event);
        return redis.execute(take.getFirst(), take.subList(1, take.size()).toArray(String[]::new))
                .chain(first -> first == null ? Uni.createFrom().item(false)
                        : publish(event).onFailure().call(() -> redis.execute("DEL", take.get(1))).replaceWith(true));
    }
}
