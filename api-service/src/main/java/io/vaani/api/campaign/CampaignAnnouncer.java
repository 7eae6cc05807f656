package io.vaani.api.campaign;

import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vaani.api.campaign.CampaignDtos.Campaign;
import io.vaani.contracts.amqp.RabbitConnection;
import io.vaani.contracts.messages.CampaignChanged;
import io.vaani.contracts.messages.CampaignChanged.Change;
import io.vaani.contracts.redis.RedisKeys;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * Tells the platform a committed campaign change: deletes the campaign's cache keys
 * ({@code vaani_data_<slug>}, and the old slug's on a rename), then publishes
 * {@code campaign.changed}. The services that act on it also re-read campaigns on every tick,
 * so a publish that fails after its retries delays a change by a tick; it does not lose it.
 */
@ApplicationScoped
public class CampaignAnnouncer {
    /** The request waits this long for the broker's confirm; a slower publish goes on retrying in the background. */
    private static final Duration CONFIRM_WAIT = Duration.ofSeconds(5);

    private final ReactiveRedisDataSource redis;
    private final RabbitConnection rabbit;
    private final Clock clock;

    CampaignAnnouncer(ReactiveRedisDataSource redis, RabbitConnection rabbit, Clock clock) {
        this.redis = redis;
        this.rabbit = rabbit;
        this.clock = clock;
    }

    public Uni<Void> changed(Campaign campaign, Change change, String oldSlug) {
        String[] keys = Stream.of(campaign.spec().slug(), oldSlug).filter(s -> s != null).distinct().map(RedisKeys::campaignData)
                .toArray(String[]::new);
        CampaignChanged message = CampaignChanged.of(campaign.id(), campaign.workspaceId(), campaign.spec().slug(), campaign.status(),
                change, clock.instant());
        return redis.key().del(keys)
                .onFailure().invoke(e -> Log.errorf(e, "campaign %s: cache keys not deleted", campaign.id()))
                .onFailure().recoverWithNull()
                .chain(() -> Uni.createFrom().completionStage(rabbit.publishRetrying(message)))
                .ifNoItem().after(CONFIRM_WAIT).recoverWithItem((Void) null)
                .onFailure().invoke(e -> Log.errorf(e, "campaign %s: campaign.changed not published", campaign.id()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
