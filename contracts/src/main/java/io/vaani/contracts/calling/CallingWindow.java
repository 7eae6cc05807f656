package io.vaani.contracts.calling;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vaani.contracts.domain.ComplianceProfile;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * When a campaign may call, in the callee's own local time: hours per weekday (a missing day is
 * closed), narrowed to the lawful 08:00–21:00 unless the compliance profile is NONE. Local time
 * comes from the tz database, so daylight saving time and half- or quarter-hour offsets need no
 * special case.
 */
public final class CallingWindow {
    /** TCPA (US) and Ofcom guidance (UK): no calls before 08:00 or from 21:00, callee-local. */
    public static final Hours LAWFUL = new Hours(8 * 60, 21 * 60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<DayOfWeek, Hours> days;

    /** Opening hours of one day, in minutes of the day: start inclusive, end exclusive. */
    public record Hours(int start, int end) {
        public Hours {
            if (start < 0 || end > 24 * 60 || start >= end) {
                throw new IllegalArgumentException("hours must satisfy 00:00 <= start < end <= 24:00, got "
                        + clock(start) + "–" + clock(end));
            }
        }

        public static Hours parse(String start, String end) {
            return new Hours(minutes(start), minutes(end));
        }

        boolean contains(int minuteOfDay) {
            return minuteOfDay >= start && minuteOfDay < end;
        }

        Optional<Hours> intersect(Hours other) {
            int from = Math.max(start, other.start);
            int to = Math.min(end, other.end);
            return from < to ? Optional.of(new Hours(from, to)) : Optional.empty();
        }

        @Override
        public String toString() {
            return clock(start) + "–" + clock(end);
        }
    }

    public CallingWindow(Map<DayOfWeek, Hours> days, ComplianceProfile profile) {
        EnumMap<DayOfWeek, Hours> effective = new EnumMap<>(DayOfWeek.class);
        days.forEach((day, hours) -> {
            Optional<Hours> lawful = profile == ComplianceProfile.NONE ? Optional.of(hours) : hours.intersect(LAWFUL);
            lawful.ifPresent(h -> effective.put(day, h));
        });
        this.days = Map.copyOf(effective);
    }

    /**
     * Reads the campaigns' {@code calling_window} JSON: {@code {"1":{"start":"09:00","end":"20:00"}, ...}}
     * keyed by ISO weekday (1 = Monday).
     *
     * @throws IllegalArgumentException naming the offending day or field
     */
    public static CallingWindow parse(String json, ComplianceProfile profile) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("calling window is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("calling window must be an object keyed by ISO weekday 1-7");
        }
        Map<DayOfWeek, Hours> days = new EnumMap<>(DayOfWeek.class);
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> day = it.next();
            DayOfWeek weekday;
            try {
                weekday = DayOfWeek.of(Integer.parseInt(day.getKey()));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("calling window day '" + day.getKey() + "' is not an ISO weekday 1-7");
            }
            JsonNode start = day.getValue().get("start");
            JsonNode end = day.getValue().get("end");
            if (start == null || end == null || !start.isTextual() || !end.isTextual()) {
                throw new IllegalArgumentException("calling window day " + day.getKey() + " needs \"start\" and \"end\" as HH:MM");
            }
            try {
                days.put(weekday, Hours.parse(start.asText(), end.asText()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("calling window day " + day.getKey() + ": " + e.getMessage());
            }
        }
        return new CallingWindow(days, profile);
    }

    /** Whether a callee in {@code zone} may be called at {@code at}. */
    public boolean isOpen(ZoneId zone, Instant at) {
        ZonedDateTime local = at.atZone(zone);
        Hours hours = days.get(local.getDayOfWeek());
        return hours != null && hours.contains(local.getHour() * 60 + local.getMinute());
    }

    /** Every zone the tz database knows, parsed once: windows are checked against all of them on every fill. */
    private static final List<ZoneId> KNOWN_ZONES = ZoneId.getAvailableZoneIds().stream().sorted().map(ZoneId::of).toList();

    /** Every known zone inside the window at {@code at}: what a query filters prospects' zones with. */
    public List<String> openZones(Instant at) {
        return KNOWN_ZONES.stream().filter(zone -> isOpen(zone, at)).map(ZoneId::getId).toList();
    }

    /**
     * The first instant at or after {@code from} when a callee in {@code zone} may be called, or
     * empty when the window is closed every day.
     */
    public Optional<Instant> nextOpening(ZoneId zone, Instant from) {
        if (isOpen(zone, from)) {
            return Optional.of(from);
        }
        ZonedDateTime local = from.atZone(zone);
        for (int day = 0; day <= 7; day++) {
            ZonedDateTime date = local.toLocalDate().plusDays(day).atStartOfDay(zone);
            Hours hours = days.get(date.getDayOfWeek());
            if (hours == null) {
                continue;
            }
            // atZone resolves a start inside a DST gap to the first valid instant after it.
            Instant opening = date.toLocalDate().atStartOfDay().plusMinutes(hours.start()).atZone(zone).toInstant();
            if (!opening.isBefore(from)) {
                return Optional.of(opening);
            }
        }
        return Optional.empty();
    }

    public Map<DayOfWeek, Hours> days() {
        return days;
    }

    static int minutes(String clock) {
        if (clock == null || !clock.matches("\\d{2}:\\d{2}")) {
            throw new IllegalArgumentException("time '" + clock + "' is not HH:MM");
        }
        int hours = Integer.parseInt(clock.substring(0, 2));
        int minutes = Integer.parseInt(clock.substring(3));
        if (minutes > 59 || hours > 24 || (hours == 24 && minutes > 0)) {
            throw new IllegalArgumentException("time '" + clock + "' is not between 00:00 and 24:00");
        }
        return hours * 60 + minutes;
    }

    private static String clock(int minutes) {
        return "%02d:%02d".formatted(minutes / 60, minutes % 60);
    }
}
