package io.vaani.scheduler.callback;

import io.vaani.contracts.calling.CallingWindow;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * When a callback asked for as a wall-clock time in the callee's zone becomes due. A time that
 * does not exist on that day (the hour skipped when clocks go forward) moves forward by the gap; a
 * time that happens twice (clocks go back) is its first occurrence; a time already past is due now;
 * a time outside the calling window moves to the window's next opening. {@code moved} says why the
 * due time differs from what was asked, empty when it does not.
 */
public record CallbackTime(Instant due, Optional<String> moved) {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm");

    /** The window never opens for this zone: the callback cannot be honoured. */
    public static final class NeverOpen extends IllegalArgumentException {
        NeverOpen(ZoneId zone) {
            super("the campaign's calling window never opens in " + zone);
        }
    }

    public static CallbackTime of(LocalDateTime requested, ZoneId zone, CallingWindow window, Instant now) {
        ZonedDateTime asked = ZonedDateTime.ofLocal(requested, zone, null);
        String reason = null;
        if (!asked.toLocalDateTime().equals(requested)) {
            reason = requested.format(LOCAL) + " does not exist in " + zone + " (clocks go forward); moved to "
                    + asked.toLocalDateTime().format(LOCAL);
        }
        Instant due = asked.toInstant();
        if (due.isBefore(now)) {
            due = now;
            reason = requested.format(LOCAL) + " " + zone + " has passed; due now";
        }
        if (!window.isOpen(zone, due)) {
            Instant opening = window.nextOpening(zone, due).orElseThrow(() -> new NeverOpen(zone));
            reason = due.atZone(zone).toLocalDateTime().format(LOCAL) + " " + zone + " is outside the calling window; moved to "
                    + "its next opening, " + opening.atZone(zone).toLocalDateTime().format(LOCAL);
            due = opening;
        }
        return new CallbackTime(due, Optional.ofNullable(reason));
    }
}
