package io.vaani.api.campaign;

import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vaani.api.campaign.CampaignDtos.Campaign;
import io.vaani.contracts.amqp.RabbitConnection;
import io.vaani.contracts.messages.CampaignChanged;
import io.vaani.contracts.messages.CampaignChanged.Change;
import io.vaani.contracts.redis.RedisKeys;
import io.vaani.api.db.Rows;
import io.vaani.contracts.domain.CampaignStatus;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
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

    private static final String CAMPAIGN = "select slug, status from campaigns where workspace_id = $1 and id = $2";

    private final Pool pool;
    private final ReactiveRedisDataSource redis;
    private final RabbitConnection rabbit;
    private final Clock clock;

    CampaignAnnouncer(Pool pool, ReactiveRedisDataSource redis, RabbitConnection rabbit, Clock clock) {
        this.pool = pool;
        this.redis = redis;
        this.rabbit = rabbit;
        this.clock = clock;
    }

    /** A change to what the campaign dials (its lists), announced as an update of the campaign. */
    public Uni<Void> changed(UUID workspace, UUID campaignId) {
        return pool.preparedQuery(CAMPAIGN).execute(Tuple.of(workspace, campaignId)).chain(rows -> Rows.first(rows)
                .map(row -> announce(campaignId, workspace, row.getString(0), CampaignStatus.valueOf(row.getString(1)),
                        Change.UPDATED, null))
                .orElse(Uni.createFrom().voidItem()));
    }

    public Uni<Void> changed(Campaign campaign, Change change, String oldSlug) {
        return announce(campaign.id(), campaign.workspaceId(), campaign.spec().slug(), campaign.status(), change, oldSlug);
    }

    private Uni<Void> announce(UUID id, UUID workspace, String slug, CampaignStatus status, Change change, String oldSlug) {
        String[] keys = Stream.of(slug, oldSlug).filter(s -> s != null).distinct().map(RedisKeys::campaignData)
                .toArray(String[]::new);
        CampaignChanged message = CampaignChanged.of(id, workspace, slug, status, change, clock.instant());
        return redis.key().del(keys)
                .onFailure().invoke(e -> Log.errorf(e, "campaign %s: cache keys not deleted", id))
                .onFailure().recoverWithNull()
                .chain(() -> Uni.createFrom().completionStage(rabbit.publishRetrying(message)))
                .ifNoItem().after(CONFIRM_WAIT).recoverWithItem((Void) null)
                .onFailure().invoke(e -> Log.errorf(e, "campaign %s: campaign.changed not published", id))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
