package io.vaani.agent.provider.llm.local;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a caller asked to be called back, as the development model understands it: "in 20 minutes",
 * "in an hour", "tomorrow", "tomorrow at 5 pm", "friday morning", "at 4:30", "this evening".
 * An hour without am/pm is read in business hours (1 to 7 are afternoon). A time of day already past
 * today, with no day named, means tomorrow.
 *
 * @param phrase the caller's words for it, to say back
 * @param at     the moment they mean, in the clock's zone
 */
record CallbackTime(String phrase, ZonedDateTime at) {
    private static final Map<String, Integer> NUMBERS = Map.ofEntries(Map.entry("a", 1), Map.entry("an", 1),
            Map.entry("one", 1), Map.entry("two", 2), Map.entry("three", 3), Map.entry("four", 4), Map.entry("five", 5),
            Map.entry("six", 6), Map.entry("seven", 7), Map.entry("eight", 8), Map.entry("nine", 9), Map.entry("ten", 10),
            Map.entry("fifteen", 15), Map.entry("twenty", 20), Map.entry("thirty", 30), Map.entry("a couple of", 2),
            Map.entry("a few", 3));
    private static final Pattern DELAY = Pattern.compile(
            "\\bin (half an hour|\\d+|a couple of|a few|an?|one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|thirty)"
                    + "(?: (minutes?|mins?|hours?|days?))?\\b");
    private static final Pattern DAY = Pattern.compile(
            "\\b(today|tonight|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\\b");
    private static final Pattern PART_OF_DAY = Pattern.compile("\\b(?:(?:in the|this) )?(morning|afternoon|evening|noon)\\b");
    private static final Pattern CLOCK = Pattern.compile("\\b(?:at |around )?(\\d{1,2})(?::(\\d{2}))? ?(am|pm|a\\.m\\.|p\\.m\\.)?(?=\\W|$)");

    static Optional<CallbackTime> in(String utterance, ZonedDateTime now) {
        String text = utterance.toLowerCase(Locale.ROOT);
        Matcher delay = DELAY.matcher(text);
        if (delay.find()) {
            Optional<Duration> wait = wait(delay.group(1), delay.group(2));
            if (wait.isPresent()) {
                return Optional.of(new CallbackTime(utterance.substring(delay.start(), delay.end()),
                        now.plus(wait.get()).truncatedTo(ChronoUnit.MINUTES)));
            }
        }
        Span span = new Span();
        Matcher day = DAY.matcher(text);
        String dayWord = day.find() ? span.cover(day, 1) : null;
        Matcher part = PART_OF_DAY.matcher(text);
        String partWord = part.find() ? span.cover(part, 1) : null;
        String partOfDay = partWord != null ? partWord : "tonight".equals(dayWord) ? "evening" : null;
        LocalTime clock = null;
        Matcher time = CLOCK.matcher(text);
        while (time.find()) {
            int hour = Integer.parseInt(time.group(1));
            int minute = time.group(2) == null ? 0 : Integer.parseInt(time.group(2));
            // A bare number is a time only when said as one ("at 5", "5 pm", "4:30").
            boolean saidAsTime = time.group(0).startsWith("at ") || time.group(0).startsWith("around ")
                    || time.group(2) != null || time.group(3) != null;
            if (!saidAsTime || hour > 23 || minute > 59) {
                continue;
            }
            clock = LocalTime.of(hour(hour, time.group(3), partOfDay), minute);
            span.cover(time, 0);
            break;
        }
        if (dayWord == null && partWord == null && clock == null) {
            return Optional.empty();
        }
        if (clock == null) {
            clock = switch (partOfDay == null ? "" : partOfDay) {
                case "morning" -> LocalTime.of(10, 0);
                case "noon" -> LocalTime.NOON;
                case "afternoon" -> LocalTime.of(15, 0);
                case "evening" -> LocalTime.of(18, 0);
                default -> LocalTime.of(10, 0);
            };
        }
        ZonedDateTime at = now.with(clock).truncatedTo(ChronoUnit.MINUTES);
        if (dayWord == null || dayWord.equals("today") || dayWord.equals("tonight")) {
            if (!at.isAfter(now) && dayWord == null) {
                at = at.plusDays(1);
            }
        } else if (dayWord.equals("tomorrow")) {
            at = at.plusDays(1);
        } else {
            at = at.with(TemporalAdjusters.next(DayOfWeek.valueOf(dayWord.toUpperCase(Locale.ROOT))));
        }
        return Optional.of(new CallbackTime(utterance.substring(span.start, span.end), at));
    }

    private static Optional<Duration> wait(String amount, String unit) {
        if (amount.equals("half an hour")) {
            return Optional.of(Duration.ofMinutes(30));
        }
        if (unit == null) {
            return Optional.empty();
        }
        long count = NUMBERS.containsKey(amount) ? NUMBERS.get(amount) : Long.parseLong(amount);
        return Optional.of(switch (unit.charAt(0)) {
            case 'h' -> Duration.ofHours(count);
            case 'd' -> Duration.ofDays(count);
            default -> Duration.ofMinutes(count);
        });
    }

    private static int hour(int hour, String meridiem, String partOfDay) {
        if (meridiem != null) {
            boolean pm = meridiem.startsWith("p");
            return hour % 12 + (pm ? 12 : 0);
        }
        if (hour > 12) {
            return hour;
        }
        if ("morning".equals(partOfDay)) {
            return hour % 12;
        }
        if ("afternoon".equals(partOfDay) || "evening".equals(partOfDay)) {
            return hour % 12 + 12;
        }
        return hour >= 1 && hour <= 7 ? hour + 12 : hour;
    }

    /** The stretch of the utterance the caller's time words cover, to say them back as they were said. */
    private static final class Span {
        private int start = Integer.MAX_VALUE;
        private int end = -1;

        String cover(Matcher matcher, int group) {
            start = Math.min(start, matcher.start(group));
            end = Math.max(end, matcher.end(group));
            return matcher.group(group);
        }
    }
}
