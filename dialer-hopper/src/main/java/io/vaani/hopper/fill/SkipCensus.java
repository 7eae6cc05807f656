package io.vaani.hopper.fill;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

/**
 * Counts why a campaign's waiting prospects cannot be dialed now (unknown zone, outside the
 * window, attempts used up, expired, do-not-call). A scan of the campaign's dialable prospects, so
 * it runs once per census interval, not on every fill.
 */
@ApplicationScoped
public class SkipCensus {
    private final Pool pool;
    private final Clock clock;

    public SkipCensus(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    /** Empty when the campaign does not exist. */
    public Uni<Optional<SkipCounts>> count(UUID campaignId) {
        return CampaignReads.settings(pool, campaignId).chain(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item(Optional.<SkipCounts>empty());
            }
            CampaignSettings campaign = found.get();
            String[] open = campaign.window().openZones(clock.instant()).toArray(String[]::new);
            return CampaignReads.doNotCallPrefixes(pool, campaign.workspaceId())
                    .chain(prefixes -> pool.preparedQuery(HopperQueries.SKIP_CENSUS).execute(Tuple.from(Arrays.asList(
                            campaignId, campaign.workspaceId(), campaign.fallbackZone(), open, campaign.maxAttempts(), prefixes))))
                    .map(counts -> Optional.of(toCounts(counts.iterator().next())));
        });
    }

    private static SkipCounts toCounts(Row row) {
        return new SkipCounts(row.getLong(0), row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4));
    }
}
