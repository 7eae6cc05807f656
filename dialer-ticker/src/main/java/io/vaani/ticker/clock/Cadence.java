package io.vaani.ticker.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** When a campaign's next tick is due. Pure, so the no-burst rule is tested on its own. */
public final class Cadence {
    private Cadence() {
    }

    /**
     * The tick after one due at {@code due}: one interval later, or, when that moment has already
     * passed (the tick was late by more than an interval), one interval from now. Missed ticks are
     * never caught up in a burst.
     */
    public static Instant next(Instant due, Duration interval, Instant now) {
        Instant next = due.plus(interval);
        return next.isAfter(now) ? next : now.plus(interval);
    }

    /** Clocks that start together spread their first ticks over this much, so they never tick in one burst. */
    static final Duration SPREAD = Duration.ofSeconds(2);

    /**
     * When a clock this replica starts (a campaign starts running, or comes over from another
     * replica) first ticks: one interval after the campaign's last tick on any replica, at once if
     * that has passed. A campaign that never ticked starts at a phase of its own within
     * {@link #SPREAD} (or its interval, if shorter).
     */
    public static Instant first(UUID campaign, Instant lastTick, Duration interval, Instant now) {
        if (lastTick == null) {
            long window = Math.min(interval.toMillis(), SPREAD.toMillis());
            return now.plusMillis(Math.floorMod(campaign.getLeastSignificantBits(), window));
        }
        Instant next = lastTick.plus(interval);
        return next.isAfter(now) ? next : now;
    }
}
