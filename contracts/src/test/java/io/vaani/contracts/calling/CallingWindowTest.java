package io.vaani.contracts.calling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vaani.contracts.domain.ComplianceProfile;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CallingWindowTest {
    static final String EVERY_DAY_9_TO_20 = """
            {"1":{"start":"09:00","end":"20:00"},"2":{"start":"09:00","end":"20:00"},"3":{"start":"09:00","end":"20:00"},
             "4":{"start":"09:00","end":"20:00"},"5":{"start":"09:00","end":"20:00"},"6":{"start":"09:00","end":"20:00"},
             "7":{"start":"09:00","end":"20:00"}}""";
    static final String WEEKDAYS_9_TO_20 = """
            {"1":{"start":"09:00","end":"20:00"},"2":{"start":"09:00","end":"20:00"},"3":{"start":"09:00","end":"20:00"},
             "4":{"start":"09:00","end":"20:00"},"5":{"start":"09:00","end":"20:00"}}""";
    static final CallingWindow EVERY_DAY = CallingWindow.parse(EVERY_DAY_9_TO_20, ComplianceProfile.US);
    static final CallingWindow WEEKDAYS = CallingWindow.parse(WEEKDAYS_9_TO_20, ComplianceProfile.US);

    @ParameterizedTest(name = "{0} at {1}: {2}")
    @CsvSource({
            // New York springs forward on Sunday 2026-03-08: the same UTC instant is 08:30 EST, then 09:30 EDT.
            "America/New_York, 2026-03-07T13:30:00Z, false",
            "America/New_York, 2026-03-08T13:30:00Z, true",
            // ... and falls back on Sunday 2026-11-01: 09:30 EDT, then 08:30 EST.
            "America/New_York, 2026-10-31T13:30:00Z, true",
            "America/New_York, 2026-11-01T13:30:00Z, false",
            "America/New_York, 2026-10-31T23:59:00Z, true",
            "America/New_York, 2026-11-01T00:00:00Z, false",
            // Phoenix keeps UTC-7 all year while Denver moves: 15:30Z in July is 08:30 there, 09:30 here.
            "America/Phoenix, 2026-07-01T15:30:00Z, false",
            "America/Denver, 2026-07-01T15:30:00Z, true",
            "America/Phoenix, 2026-01-14T16:00:00Z, true",
            // A split state: Indiana's Central-time counties open an hour after Indianapolis.
            "America/Indiana/Indianapolis, 2026-07-01T13:00:00Z, true",
            "America/Indiana/Knox, 2026-07-01T13:00:00Z, false",
            // Half-hour and 45-minute offsets, both edges.
            "Asia/Kolkata, 2026-11-23T03:29:00Z, false",
            "Asia/Kolkata, 2026-11-23T03:30:00Z, true",
            "Asia/Kolkata, 2026-11-23T14:29:00Z, true",
            "Asia/Kolkata, 2026-11-23T14:30:00Z, false",
            "Asia/Kathmandu, 2026-11-23T03:14:00Z, false",
            "Asia/Kathmandu, 2026-11-23T03:15:00Z, true",
            // Adelaide: +10:30 in the southern summer, +9:30 in winter.
            "Australia/Adelaide, 2026-11-22T22:29:00Z, false",
            "Australia/Adelaide, 2026-11-22T22:30:00Z, true",
            "Australia/Adelaide, 2026-07-01T23:29:00Z, false",
            "Australia/Adelaide, 2026-07-01T23:30:00Z, true" })
    void localHoursDecide(String zone, Instant at, boolean open) {
        assertThat(EVERY_DAY.isOpen(ZoneId.of(zone), at)).isEqualTo(open);
    }

    @Test
    void aDayWithoutHoursIsClosedAllDay() {
        ZoneId newYork = ZoneId.of("America/New_York");
        Instant sunday = Instant.parse("2026-11-22T00:00:00Z");
        for (int minute = 0; minute < 48 * 60; minute += 15) {
            Instant at = sunday.plusSeconds(minute * 60L);
            if (at.atZone(newYork).getDayOfWeek().getValue() >= 6) {
                assertThat(WEEKDAYS.isOpen(newYork, at)).as(at.toString()).isFalse();
            }
        }
        assertThat(CallingWindow.parse("{}", ComplianceProfile.NONE).isOpen(newYork, Instant.parse("2026-11-23T15:00:00Z")))
                .isFalse();
    }

    @Test
    void lawfulHoursNarrowTheWindowUnlessTheProfileAllows() {
        String early = "{\"1\":{\"start\":\"07:00\",\"end\":\"22:30\"}}";
        ZoneId utc = ZoneId.of("UTC");
        Instant monday0730 = Instant.parse("2026-11-23T07:30:00Z");
        Instant monday2130 = Instant.parse("2026-11-23T21:30:00Z");
        for (ComplianceProfile lawful : List.of(ComplianceProfile.US, ComplianceProfile.UK)) {
            CallingWindow window = CallingWindow.parse(early, lawful);
            assertThat(window.isOpen(utc, monday0730)).isFalse();
            assertThat(window.isOpen(utc, monday2130)).isFalse();
            assertThat(window.isOpen(utc, Instant.parse("2026-11-23T20:59:00Z"))).isTrue();
        }
        CallingWindow none = CallingWindow.parse(early, ComplianceProfile.NONE);
        assertThat(none.isOpen(utc, monday0730)).isTrue();
        assertThat(none.isOpen(utc, monday2130)).isTrue();
        // A day entirely outside lawful hours is closed.
        assertThat(CallingWindow.parse("{\"1\":{\"start\":\"21:00\",\"end\":\"24:00\"}}", ComplianceProfile.US).days()).isEmpty();
    }

    @Test
    void openZonesKeepsOnlyKnownZonesInsideTheWindow() {
        Instant at = Instant.parse("2026-11-23T15:00:00Z"); // Monday: 10:00 New York, 20:30 Kolkata, 07:00 LA
        List<String> open = WEEKDAYS.openZones(at);
        assertThat(open).contains("America/New_York", "Europe/London")
                .doesNotContain("Asia/Kolkata", "America/Los_Angeles", "Mars/Olympus")
                .allSatisfy(id -> assertThat(ZoneId.getAvailableZoneIds()).contains(id));
    }

    @Test
    void nextOpeningSkipsClosedDaysAndIsNowWhenOpen() {
        ZoneId newYork = ZoneId.of("America/New_York");
        Instant fridayEvening = Instant.parse("2026-11-28T01:30:00Z"); // Friday 20:30 EST
        assertThat(WEEKDAYS.nextOpening(newYork, fridayEvening)).contains(Instant.parse("2026-11-30T14:00:00Z"));
        Instant mondayMorning = Instant.parse("2026-11-30T15:00:00Z");
        assertThat(WEEKDAYS.nextOpening(newYork, mondayMorning)).contains(mondayMorning);
        // Saturday 2026-03-07 evening → Sunday 09:00 EDT, the first day after the clocks went forward.
        assertThat(EVERY_DAY.nextOpening(newYork, Instant.parse("2026-03-08T02:00:00Z")))
                .contains(Instant.parse("2026-03-08T13:00:00Z"));
        assertThat(CallingWindow.parse("{}", ComplianceProfile.US).nextOpening(newYork, fridayEvening)).isEmpty();
    }

    @Test
    void badWindowsAreRejectedNamingTheDay() {
        assertThatThrownBy(() -> CallingWindow.parse("{\"8\":{\"start\":\"09:00\",\"end\":\"20:00\"}}", ComplianceProfile.US))
                .hasMessageContaining("'8'");
        assertThatThrownBy(() -> CallingWindow.parse("{\"1\":{\"start\":\"09:00\"}}", ComplianceProfile.US))
                .hasMessageContaining("day 1").hasMessageContaining("end");
        assertThatThrownBy(() -> CallingWindow.parse("{\"2\":{\"start\":\"20:00\",\"end\":\"09:00\"}}", ComplianceProfile.US))
                .hasMessageContaining("day 2");
        assertThatThrownBy(() -> CallingWindow.parse("{\"3\":{\"start\":\"09:60\",\"end\":\"10:00\"}}", ComplianceProfile.US))
                .hasMessageContaining("09:60");
        assertThatThrownBy(() -> CallingWindow.parse("[]", ComplianceProfile.US)).hasMessageContaining("object");
        assertThatThrownBy(() -> CallingWindow.parse("{", ComplianceProfile.US)).hasMessageContaining("not JSON");
    }
}
