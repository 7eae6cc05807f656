package io.vaani.ticker.clock;

import io.vaani.contracts.messages.CampaignTick;
import io.vaani.ticker.lease.ClockLeases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * One ticker replica. Every round (about a second) it says it is alive, reads the running
 * campaigns, and takes or renews the lease of each campaign that rendezvous hashing gives it;
 * each held campaign has a clock that publishes a tick every {@code dialer_interval}. Rounds do
 * the I/O on their own thread, so a slow round never delays a tick; clocks live on the tick thread.
 */
public final class TickerNode implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(TickerNode.class);

    private final String id;
    private final ClockLeases leases;
    private final Supplier<Map<UUID, Duration>> running;
    private final TickSink sink;
    private final TickerMetrics metrics;
    private final Duration lease;
    private final Duration roundInterval;
    private final Clock clock;
    private final ScheduledExecutorService rounds;
    private final ScheduledExecutorService ticks;
    /** Changed only on the tick thread; rounds read it to know which clocks are new. */
    private final Map<UUID, CampaignClock> clocks = new ConcurrentHashMap<>();
    /** The last running set read, kept while the database is unreachable. */
    private volatile Map<UUID, Duration> lastKnown = Map.of();

    public TickerNode(String id, ClockLeases leases, Supplier<Map<UUID, Duration>> running, TickSink sink,
            TickerMetrics metrics, Duration lease, Duration roundInterval, Clock clock) {
        this.id = id;
        this.leases = leases;
        this.running = running;
        this.sink = sink;
        this.metrics = metrics;
        this.lease = lease;
        this.roundInterval = roundInterval;
        this.clock = clock;
        this.rounds = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("ticker-rounds").factory());
        this.ticks = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("ticker-clocks").factory());
    }

    public String id() {
        return id;
    }

    public void start() {
        rounds.scheduleWithFixedDelay(this::round, 0, roundInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A campaign changed: look again now rather than at the next round. */
    public void roundNow() {
        rounds.execute(this::round);
    }

    /** Stops ticking and hands every campaign over at once by releasing its lease. */
    @Override
    public void close() {
        rounds.shutdownNow();
        try {
            leases.leave(id);
            ticks.submit(() -> Set.copyOf(clocks.keySet()).forEach(this::drop)).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warnf("could not release every clock lease: %s", e.getMessage());
        }
        ticks.shutdownNow();
    }

    /** Stops dead, leases left to expire: what a crashed replica looks like to the others. */
    public void halt() {
        rounds.shutdownNow();
        ticks.shutdownNow();
    }

    private void round() {
        try {
            Instant now = clock.instant();
            List<String> live = leases.heartbeat(id, now, lease);
            Map<UUID, Duration> campaigns = runningCampaigns();
            Map<UUID, Held> held = new HashMap<>();
            Instant validUntil = now.plus(lease.multipliedBy(4).dividedBy(5)); // a margin for clock skew
            for (Map.Entry<UUID, Duration> campaign : campaigns.entrySet()) {
                UUID campaignId = campaign.getKey();
                boolean mine = Rendezvous.owner(campaignId, live).filter(id::equals).isPresent();
                if (mine && leases.acquireOrRenew(campaignId, id, lease)) {
                    held.put(campaignId, new Held(campaign.getValue(), validUntil));
                }
            }
            Map<UUID, Instant> lastTicks = new HashMap<>();
            held.keySet().stream().filter(c -> !clocks.containsKey(c))
                    .forEach(c -> leases.lastTick(c).ifPresent(at -> lastTicks.put(c, at)));
            ticks.execute(() -> apply(held, lastTicks));
        } catch (RuntimeException e) {
            LOG.warnf("ticker round failed (%s); clocks keep ticking until their leases lapse", e.getMessage());
        }
    }

    private Map<UUID, Duration> runningCampaigns() {
        try {
            lastKnown = running.get();
        } catch (RuntimeException e) {
            LOG.warnf("cannot read running campaigns (%s); keeping the %d known", e.getMessage(), lastKnown.size());
        }
        return lastKnown;
    }

    private record Held(Duration interval, Instant leaseValidUntil) {
    }

    /** On the tick thread: start clocks of newly held campaigns, retime changed ones, stop the rest. */
    private void apply(Map<UUID, Held> held, Map<UUID, Instant> lastTicks) {
        Instant now = clock.instant();
        Set.copyOf(clocks.keySet()).stream().filter(c -> !held.containsKey(c)).forEach(this::drop);
        held.forEach((campaign, h) -> {
            CampaignClock existing = clocks.get(campaign);
            if (existing == null) {
                CampaignClock started = new CampaignClock(campaign, h.interval());
                started.leaseValidUntil = h.leaseValidUntil();
                started.lastFired = lastTicks.get(campaign); // on whichever replica ticked it last
                started.due = Cadence.first(campaign, started.lastFired, h.interval(), now);
                clocks.put(campaign, started);
                schedule(started, now);
            } else {
                existing.leaseValidUntil = h.leaseValidUntil();
                if (!existing.interval.equals(h.interval())) {
                    existing.interval = h.interval();
                    existing.due = Cadence.first(campaign, existing.lastFired, h.interval(), now);
                    existing.next.cancel(false);
                    schedule(existing, now);
                }
            }
        });
        metrics.owned(clocks.size());
    }

    private void schedule(CampaignClock c, Instant now) {
        long delay = Math.max(0, Duration.between(now, c.due).toMillis());
        c.next = ticks.schedule(() -> fire(c), delay, TimeUnit.MILLISECONDS);
    }

    private void fire(CampaignClock c) {
        if (clocks.get(c.campaign) != c) {
            return; // stopped meanwhile
        }
        Instant now = clock.instant();
        if (now.isAfter(c.leaseValidUntil)) {
            LOG.warnf("lease of campaign %s not renewed in time; this replica stops ticking it", c.campaign);
            drop(c.campaign);
            return;
        }
        try {
            Optional<Long> seq = leases.tick(c.campaign, id, now);
            if (seq.isEmpty()) {
                clocks.remove(c.campaign); // another replica holds it now
                return;
            }
            metrics.ticked(Duration.between(c.due, now));
            c.lastFired = now;
            sink.publish(CampaignTick.of(c.campaign, seq.get(), now)).whenComplete((ok, failure) -> {
                if (failure != null) {
                    metrics.publishFailed();
                    LOG.warnf("tick %d of campaign %s not published: %s", seq.get(), c.campaign, failure.getMessage());
                }
            });
        } catch (RuntimeException e) {
            LOG.warnf("tick of campaign %s skipped: %s", c.campaign, e.getMessage());
        }
        c.due = Cadence.next(c.due, c.interval, now);
        schedule(c, now);
    }

    private void drop(UUID campaign) {
        CampaignClock c = clocks.remove(campaign);
        if (c != null) {
            c.next.cancel(false);
            try {
                leases.release(campaign, id);
            } catch (RuntimeException e) {
                LOG.debugf("lease of %s not released (%s); it lapses", campaign, e.getMessage());
            }
        }
    }

    /** A held campaign's clock; mutated only on the tick thread. */
    private static final class CampaignClock {
        final UUID campaign;
        Duration interval;
        Instant due;
        Instant lastFired;
        Instant leaseValidUntil;
        ScheduledFuture<?> next;

        CampaignClock(UUID campaign, Duration interval) {
            this.campaign = campaign;
            this.interval = interval;
        }
    }
}
