package io.vaani.hopper.fill;

import io.smallrye.mutiny.Uni;
import io.vaani.contracts.runtime.Instance;
import io.vaani.hopper.config.HopperConfig;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

/**
 * Keeps a campaign's hopper at its level, in one transaction: removes entries that are no longer
 * dialable, renews the claims of those that wait, then claims and queues the best dialable
 * prospects to make up the difference. A campaign that no longer runs has its hopper emptied.
 */
@ApplicationScoped
public class HopperFiller {
    private final Pool pool;
    private final HopperConfig config;
    private final Instance instance;
    private final Clock clock;

    public HopperFiller(Pool pool, HopperConfig config, Instance instance, Clock clock) {
        this.pool = pool;
        this.config = config;
        this.instance = instance;
        this.clock = clock;
    }

    public Uni<FillResult> fill(UUID campaignId) {
        return pool.withTransaction(sql -> sql.preparedQuery(HopperQueries.TRY_LOCK).execute(Tuple.of(campaignId))
                .chain(locked -> locked.iterator().next().getBoolean(0)
                        ? fillLocked(sql, campaignId)
                        : Uni.createFrom().item(FillResult.busy(campaignId))));
    }

    /** Empties the hopper of a campaign that stopped running. */
    public Uni<Integer> purge(UUID campaignId) {
        return pool.withTransaction(sql -> purge(sql, campaignId));
    }

    /** Campaigns that still have hopper entries although they no longer run. */
    public Uni<List<UUID>> stoppedWithEntries() {
        return pool.query(HopperQueries.STOPPED_WITH_ENTRIES).execute()
                .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(r -> r.getUUID(0)).toList());
    }

    private Uni<FillResult> fillLocked(SqlConnection sql, UUID campaignId) {
        return CampaignReads.settings(sql, campaignId).chain(found -> found.filter(c -> c.status().dials())
                .map(campaign -> CampaignReads.doNotCallPrefixes(sql, campaign.workspaceId())
                        .chain(prefixes -> fillRunning(sql, campaign, prefixes)))
                .orElseGet(() -> purge(sql, campaignId).map(purged -> FillResult.notRunning(campaignId, purged))));
    }

    private Uni<FillResult> fillRunning(SqlConnection sql, CampaignSettings campaign, String[] prefixes) {
        UUID id = campaign.id();
        String[] open = campaign.window().openZones(clock.instant()).toArray(String[]::new);
        int level = HopperLevel.of(campaign, config.maxLevel());
        int lease = (int) config.claimLease().toSeconds();
        Uni<Row> removed = sql.preparedQuery(HopperQueries.REMOVE_UNDIALABLE)
                .execute(Tuple.of(id, campaign.workspaceId(), open, prefixes)).map(HopperFiller::first);
        Uni<Integer> depth = sql.preparedQuery(HopperQueries.RENEW_CLAIMS).execute(Tuple.of(id, lease))
                .chain(() -> sql.preparedQuery(HopperQueries.DEPTH).execute(Tuple.of(id)))
                .map(rows -> first(rows).getLong(0).intValue());
        // Statements on one connection run in order: removal, renewal, depth, then the fill.
        return removed.chain(gone -> depth.chain(current -> queue(sql, campaign, open, prefixes, level - current, lease)
                .map(filled -> new FillResult(id, FillResult.Outcome.FILLED, filled, gone.getLong(0).intValue(),
                        gone.getLong(1).intValue(), 0, current + filled, level))));
    }

    private Uni<Integer> queue(SqlConnection sql, CampaignSettings campaign, String[] open, String[] prefixes, int wanted,
            int lease) {
        if (wanted <= 0) {
            return Uni.createFrom().item(0);
        }
        Tuple args = Tuple.from(Arrays.asList(campaign.id(), campaign.workspaceId(), open, campaign.fallbackZone(),
                campaign.maxAttempts(), wanted, instance.id(), lease, prefixes));
        return sql.preparedQuery(HopperQueries.fill(campaign.leadOrder())).execute(args).map(RowSet::rowCount);
    }

    private static Uni<Integer> purge(SqlConnection sql, UUID campaignId) {
        return sql.preparedQuery(HopperQueries.PURGE).execute(Tuple.of(campaignId)).map(rows -> first(rows).getLong(0).intValue());
    }

    private static Row first(RowSet<Row> rows) {
        return rows.iterator().next();
    }
}
