package io.vaani.ticker.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CadenceTest {
    static final Instant T = Instant.parse("2026-11-23T12:00:00Z");
    static final Duration FIVE = Duration.ofSeconds(5);

    @Test
    void onTimeTicksKeepTheirCadence() {
        assertThat(Cadence.next(T, FIVE, T.plusMillis(30))).isEqualTo(T.plusSeconds(5));
    }

    @Test
    void aTickLateByMoreThanAnIntervalIsNotCaughtUp() {
        // The clock stalled 12 s: one late tick now, the next one interval later, no burst of three.
        Instant now = T.plusSeconds(12);
        assertThat(Cadence.next(T, FIVE, now)).isEqualTo(now.plusSeconds(5));
    }

    @Test
    void aClockThatComesOverKeepsTheCampaignsCadence() {
        UUID campaign = UUID.randomUUID();
        assertThat(Cadence.first(campaign, T, FIVE, T.plusSeconds(2))).isEqualTo(T.plusSeconds(5));
        assertThat(Cadence.first(campaign, T, FIVE, T.plusSeconds(9))).isEqualTo(T.plusSeconds(9));
    }

    @Test
    void clocksStartingTogetherSpreadTheirFirstTicks() {
        List<Instant> firsts = IntStream.range(0, 1000).mapToObj(i -> Cadence.first(UUID.randomUUID(), null, FIVE, T)).toList();
        assertThat(firsts).allSatisfy(at -> assertThat(at).isBetween(T, T.plus(Cadence.SPREAD)));
        long inFirstHalf = firsts.stream().filter(at -> at.isBefore(T.plusSeconds(1))).count();
        assertThat(inFirstHalf).isBetween(400L, 600L);
        UUID campaign = UUID.randomUUID();
        assertThat(Cadence.first(campaign, null, FIVE, T)).as("the same phase every time").isEqualTo(Cadence.first(campaign, null, FIVE, T));
    }

    @Test
    void rendezvousSpreadsCampaignsAndMovesOnlyTheLeaversShare() {
        List<String> three = List.of("a", "b", "c");
        List<UUID> campaigns = IntStream.range(0, 3000).mapToObj(i -> UUID.randomUUID()).toList();
        long onA = campaigns.stream().filter(c -> Rendezvous.owner(c, three).orElseThrow().equals("a")).count();
        assertThat(onA).isBetween(850L, 1150L);
        // c leaves: campaigns of a and b stay where they are
        for (UUID c : campaigns) {
            String before = Rendezvous.owner(c, three).orElseThrow();
            String after = Rendezvous.owner(c, List.of("b", "a")).orElseThrow();
            if (!before.equals("c")) {
                assertThat(after).isEqualTo(before);
            }
        }
        assertThat(Rendezvous.owner(UUID.randomUUID(), List.of())).isEmpty();
    }
}
