package io.vaani.scheduler.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vaani.contracts.calling.CallingWindow;
import io.vaani.contracts.domain.ComplianceProfile;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class CallbackTimeTest {
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final Instant LONG_AGO = Instant.parse("2026-01-01T00:00:00Z");
    static final CallingWindow ALWAYS = window("{\"1\":{\"start\":\"00:00\",\"end\":\"24:00\"},\"2\":{\"start\":\"00:00\",\"end\":\"24:00\"},"
            + "\"3\":{\"start\":\"00:00\",\"end\":\"24:00\"},\"4\":{\"start\":\"00:00\",\"end\":\"24:00\"},"
            + "\"5\":{\"start\":\"00:00\",\"end\":\"24:00\"},\"6\":{\"start\":\"00:00\",\"end\":\"24:00\"},"
            + "\"7\":{\"start\":\"00:00\",\"end\":\"24:00\"}}");
    /** Monday to Saturday 09:00-20:00, Sunday closed. */
    static final CallingWindow WEEKDAYS = window("{\"1\":{\"start\":\"09:00\",\"end\":\"20:00\"},\"2\":{\"start\":\"09:00\",\"end\":\"20:00\"},"
            + "\"3\":{\"start\":\"09:00\",\"end\":\"20:00\"},\"4\":{\"start\":\"09:00\",\"end\":\"20:00\"},"
            + "\"5\":{\"start\":\"09:00\",\"end\":\"20:00\"},\"6\":{\"start\":\"09:00\",\"end\":\"20:00\"}}");

    static CallingWindow window(String json) {
        return CallingWindow.parse(json, ComplianceProfile.NONE);
    }

    @Test
    void aTimeInsideTheWindowIsDueThenInTheCalleesZone() {
        CallbackTime time = CallbackTime.of(LocalDateTime.parse("2026-07-14T17:00"), NEW_YORK, WEEKDAYS, LONG_AGO);
        assertThat(time.due()).isEqualTo(Instant.parse("2026-07-14T21:00:00Z")); // EDT, UTC-4
        assertThat(time.moved()).isEmpty();
        // The same wall-clock time in winter is an hour later in UTC.
        assertThat(CallbackTime.of(LocalDateTime.parse("2026-12-15T17:00"), NEW_YORK, WEEKDAYS, LONG_AGO).due())
                .isEqualTo(Instant.parse("2026-12-15T22:00:00Z"));
    }

    @Test
    void aTimeSkippedWhenClocksGoForwardMovesForwardByTheGap() {
        // 2026-03-08 02:30 does not exist in New York: clocks jump from 02:00 EST to 03:00 EDT.
        CallbackTime time = CallbackTime.of(LocalDateTime.parse("2026-03-08T02:30"), NEW_YORK, ALWAYS, LONG_AGO);
        assertThat(time.due()).isEqualTo(Instant.parse("2026-03-08T07:30:00Z")); // 03:30 EDT
        assertThat(time.moved()).hasValueSatisfying(reason -> assertThat(reason).contains("does not exist").contains("03:30"));
        // London: 2026-03-29 01:30 does not exist (01:00 GMT -> 02:00 BST).
        assertThat(CallbackTime.of(LocalDateTime.parse("2026-03-29T01:30"), LONDON, ALWAYS, LONG_AGO).due())
                .isEqualTo(Instant.parse("2026-03-29T01:30:00Z")); // 02:30 BST
    }

    @Test
    void aTimeThatHappensTwiceWhenClocksGoBackIsItsFirstOccurrence() {
        // 2026-11-01 01:30 happens at 01:30 EDT (05:30Z) and again at 01:30 EST (06:30Z).
        CallbackTime time = CallbackTime.of(LocalDateTime.parse("2026-11-01T01:30"), NEW_YORK, ALWAYS, LONG_AGO);
        assertThat(time.due()).isEqualTo(Instant.parse("2026-11-01T05:30:00Z"));
        assertThat(time.moved()).isEmpty();
    }

    @Test
    void aTimeOutsideTheWindowMovesToItsNextOpeningAndSaysSo() {
        // Saturday 21:00 is after hours; Sunday is closed; Monday 09:00 is the next opening, after the clocks went forward.
        CallbackTime time = CallbackTime.of(LocalDateTime.parse("2026-03-07T21:00"), NEW_YORK, WEEKDAYS, LONG_AGO);
        assertThat(time.due()).isEqualTo(Instant.parse("2026-03-09T13:00:00Z")); // 09:00 EDT
        assertThat(time.moved()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("outside the calling window").contains("Mon 2026-03-09 09:00"));
        // Before opening on the same day: moved to that morning's opening.
        assertThat(CallbackTime.of(LocalDateTime.parse("2026-07-14T07:15"), NEW_YORK, WEEKDAYS, LONG_AGO).due())
                .isEqualTo(Instant.parse("2026-07-14T13:00:00Z"));
    }

    @Test
    void theWindowIsTheCalleesLocalWindowWhateverTheZone() {
        // 08:30 in London is outside 09:00-20:00 there, though it is 03:30 in New York.
        CallbackTime time = CallbackTime.of(LocalDateTime.parse("2026-10-26T08:30"), LONDON, WEEKDAYS, LONG_AGO);
        assertThat(time.due()).isEqualTo(Instant.parse("2026-10-26T09:00:00Z")); // GMT again after 25 October
    }

    @Test
    void aTimeAlreadyPastIsDueNowOrAtTheNextOpening() {
        Instant now = Instant.parse("2026-07-14T18:00:00Z"); // 14:00 in New York, a Tuesday
        CallbackTime past = CallbackTime.of(LocalDateTime.parse("2026-07-14T10:00"), NEW_YORK, WEEKDAYS, now);
        assertThat(past.due()).isEqualTo(now);
        assertThat(past.moved()).hasValueSatisfying(reason -> assertThat(reason).contains("has passed"));
        Instant lateEvening = Instant.parse("2026-07-15T01:00:00Z"); // 21:00 in New York
        assertThat(CallbackTime.of(LocalDateTime.parse("2026-07-14T10:00"), NEW_YORK, WEEKDAYS, lateEvening).due())
                .isEqualTo(Instant.parse("2026-07-15T13:00:00Z"));
    }

    @Test
    void aWindowThatNeverOpensCannotTakeACallback() {
        assertThatThrownBy(() -> CallbackTime.of(LocalDateTime.parse("2026-07-14T10:00"), NEW_YORK, window("{}"), LONG_AGO))
                .isInstanceOf(CallbackTime.NeverOpen.class).hasMessageContaining("never opens");
    }

    @Test
    void usHoursStillApplyWhenTheCampaignsWindowIsWider() {
        // The US profile keeps calls within 08:00-21:00 callee-local whatever the window says.
        CallingWindow us = CallingWindow.parse("{\"2\":{\"start\":\"00:00\",\"end\":\"24:00\"}}", ComplianceProfile.US);
        assertThat(CallbackTime.of(LocalDateTime.parse("2026-07-14T06:00"), NEW_YORK, us, LONG_AGO).due())
                .isEqualTo(Instant.parse("2026-07-14T12:00:00Z")); // 08:00 EDT
    }
}
