package io.vaani.api.campaign;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.quarkus.redis.datasource.sortedset.ScoreRange;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vaani.api.campaign.CampaignDtos.Campaign;
import io.vaani.api.campaign.CampaignProgress.AbandonRate;
import io.vaani.api.campaign.CampaignProgress.Calls;
import io.vaani.api.campaign.CampaignProgress.Hopper;
import io.vaani.api.campaign.CampaignProgress.Pacing;
import io.vaani.api.campaign.CampaignProgress.Skips;
import io.vaani.api.config.ApiConfig;
import io.vaani.contracts.redis.RedisKeys;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads a campaign's progress from where each part lives: prospects and hourly outcome sums in
 * PostgreSQL (index-only), live calls and the dialer's and hopper's state in Redis. Watchers of
 * one campaign on this replica share one reading per interval.
 */
@ApplicationScoped
class CampaignMonitor {
    private static final String PROSPECTS = "select status, count(*) from prospects where campaign_id = $1 group by status";
    private static final String HOPPER = "select count(*) from hopper_entries where campaign_id = $1";
    private static final String STATS = """
            select coalesce(sum(answered) filter (where hour >= date_trunc('day', now() at time zone 'UTC') at time zone 'UTC'), 0)::int8,
                   coalesce(sum(abandoned) filter (where hour >= date_trunc('day', now() at time zone 'UTC') at time zone 'UTC'), 0)::int8,
                   coalesce(sum(answered), 0)::int8, coalesce(sum(abandoned), 0)::int8,
                   coalesce(sum(placed) filter (where hour >= date_trunc('hour', now()) - interval '1 hour'), 0)::int8
            from campaign_stats where campaign_id = $1 and hour >= date_trunc('hour', now()) - interval '30 days'""";

    private final Pool pool;
    private final ReactiveRedisDataSource redis;
    private final ReactiveHashCommands<String, String, String> hashes;
    private final Clock clock;
    private final Duration interval;
    private final Map<UUID, Multi<CampaignProgress>> watched = new ConcurrentHashMap<>();

    CampaignMonitor(Pool pool, ReactiveRedisDataSource redis, Clock clock, ApiConfig config) {
        this.pool = pool;
        this.redis = redis;
        this.hashes = redis.hash(String.class);
        this.clock = clock;
        this.interval = config.progressInterval();
    }

    Uni<CampaignProgress> progress(Campaign campaign) {
        UUID id = campaign.id();
        Instant now = clock.instant();
        ScoreRange<Double> live = ScoreRange.from((double) now.toEpochMilli(), Double.POSITIVE_INFINITY);
        Uni<Map<String, Long>> prospects = pool.preparedQuery(PROSPECTS).execute(Tuple.of(id)).map(rows -> {
            Map<String, Long> byState = new TreeMap<>();
            rows.forEach(row -> byState.put(row.getString(0), row.getLong(1)));
            return byState;
        });
        Uni<Long> depth = pool.preparedQuery(HOPPER).execute(Tuple.of(id)).map(rows -> rows.iterator().next().getLong(0));
        Uni<Row> stats = pool.preparedQuery(STATS).execute(Tuple.of(id)).map(rows -> rows.iterator().next());
        Uni<Long> ringing = redis.sortedSet(String.class).zcount(RedisKeys.campaignRinging(id), live);
        Uni<Long> connected = redis.sortedSet(String.class).zcount(RedisKeys.campaignConnected(id), live);
        Uni<Map<String, String>> dialer = hashes.hgetall(RedisKeys.dialerStatus(id));
        Uni<Map<String, String>> hopper = hashes.hgetall(RedisKeys.hopperStatus(id));
        return Uni.combine().all().unis(prospects, depth, stats, ringing, connected, dialer, hopper).asTuple().map(parts -> {
            Row s = parts.getItem3();
            Map<String, String> d = parts.getItem6();
            Map<String, String> h = parts.getItem7();
            double hours = 1 + (now.getEpochSecond() % 3600) / 3600.0;
            return new CampaignProgress(id, campaign.status(), parts.getItem1(),
                    new Hopper(parts.getItem2(), number(h.get("level")), instant(h.get("lastFillAt"))),
                    new Calls(parts.getItem4(), parts.getItem5(), campaign.spec().maxConcurrency()),
                    new Pacing(campaign.spec().pacingMode(), decimal(d.get("effectiveRatio")), decimal(d.get("damping")),
                            instant(d.get("lastTickAt"))),
                    AbandonRate.of(s.getLong(0), s.getLong(1)), AbandonRate.of(s.getLong(2), s.getLong(3)), s.getLong(4) / hours,
                    new Skips(skips(h), skips(d)), now);
        });
    }

    /** Progress now, then every interval, until the watcher leaves; one reading per interval however many watch. */
    Multi<CampaignProgress> watch(Campaign campaign, Uni<Campaign> reread) {
        Multi<CampaignProgress> shared = watched.computeIfAbsent(campaign.id(), id -> Multi.createFrom().ticks().every(interval)
                .onOverflow().drop()
                .onItem().transformToUniAndConcatenate(tick -> reread.chain(this::progress))
                .onTermination().invoke(() -> watched.remove(id))
                .broadcast().withCancellationAfterLastSubscriberDeparture().toAllSubscribers());
        return Multi.createBy().concatenating().streams(progress(campaign).toMulti(), shared);
    }

    /** Skip reasons as one vocabulary (DO_NOT_CALL, OUTSIDE_WINDOW, ...), whatever case each service stores them in. */
    private static Map<String, Long> skips(Map<String, String> hash) {
        Map<String, Long> skips = new TreeMap<>();
        hash.forEach((field, value) -> {
            if (field.startsWith("skipped.")) {
                skips.merge(field.substring("skipped.".length()).toUpperCase(Locale.ROOT), Long.parseLong(value), Long::sum);
            }
        });
        return skips;
    }

    private static Long number(String value) {
        return value == null ? null : Long.parseLong(value);
    }

    private static Double decimal(String value) {
        return value == null ? null : Double.parseDouble(value);
    }

    private static Instant instant(String value) {
        return value == null ? null : Instant.parse(value);
    }
}
