package io.vaani.agent.provider.llm.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class CallbackTimeTest {
    /** A Monday morning in Kolkata. */
    private static final ZonedDateTime NOW = ZonedDateTime.of(2025, 6, 2, 10, 0, 12, 0, ZoneId.of("Asia/Kolkata"));

    private static CallbackTime in(String said) {
        return CallbackTime.in(said, NOW).orElseThrow(() -> new AssertionError("no time in: " + said));
    }

    private static ZonedDateTime at(int day, int hour, int minute) {
        return ZonedDateTime.of(2025, 6, day, hour, minute, 0, 0, NOW.getZone());
    }

    @Test
    void aDelayCountsFromNow() {
        assertThat(in("Call me back in 20 minutes")).isEqualTo(new CallbackTime("in 20 minutes", at(2, 10, 20)));
        assertThat(in("can you call back in an hour?").at()).isEqualTo(at(2, 11, 0));
        assertThat(in("try again in half an hour").at()).isEqualTo(at(2, 10, 30));
        assertThat(in("in two days please").at()).isEqualTo(at(4, 10, 0));
    }

    @Test
    void aDayAndATime() {
        assertThat(in("Call me back tomorrow at 5 pm")).isEqualTo(new CallbackTime("tomorrow at 5 pm", at(3, 17, 0)));
        assertThat(in("tomorrow at 11:30am").at()).isEqualTo(at(3, 11, 30));
        assertThat(in("Friday morning would work").at()).isEqualTo(at(6, 10, 0));
        assertThat(in("how about friday at 9").at()).isEqualTo(at(6, 9, 0));
    }

    @Test
    void aTimeAloneIsTheNextSuchTime() {
        assertThat(in("call me at 4").at()).as("4 said alone is in the afternoon").isEqualTo(at(2, 16, 0));
        assertThat(in("at 9 am").at()).as("past today, so tomorrow").isEqualTo(at(3, 9, 0));
        assertThat(in("this evening").at()).isEqualTo(at(2, 18, 0));
        assertThat(in("tonight at 8").at()).isEqualTo(at(2, 20, 0));
        assertThat(in("tomorrow").at()).isEqualTo(at(3, 10, 0));
    }

    @Test
    void numbersThatAreNotTimesAreNot() {
        assertThat(CallbackTime.in("call me back", NOW)).isEmpty();
        assertThat(CallbackTime.in("I have 3 kids, I'm in a meeting", NOW)).isEmpty();
    }
}
