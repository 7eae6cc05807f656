package io.vaani.dialer.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.vaani.contracts.domain.CallOutcome;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PhoneNetworkModelTest {
    static final int CALLS = 200_000;

    @Test
    void outcomesFollowTheRates() {
        PhoneNetworkModel network = PhoneNetworkModel.typical(42);
        Map<CallOutcome, Integer> counts = new EnumMap<>(CallOutcome.class);
        for (int i = 0; i < CALLS; i++) {
            counts.merge(network.next().outcome(), 1, Integer::sum);
        }
        assertThat(counts.get(CallOutcome.COMPLETED) / (double) CALLS).isCloseTo(0.30, within(0.005));
        assertThat(counts.get(CallOutcome.BUSY) / (double) CALLS).isCloseTo(0.10, within(0.005));
        assertThat(counts.get(CallOutcome.VOICEMAIL) / (double) CALLS).isCloseTo(0.05, within(0.005));
        assertThat(counts.get(CallOutcome.INVALID_NUMBER) / (double) CALLS).isCloseTo(0.02, within(0.003));
        assertThat(counts.get(CallOutcome.NO_ANSWER) / (double) CALLS).isCloseTo(0.53, within(0.005));
    }

    @Test
    void ringAndTalkTimesFollowTheirDistributions() {
        PhoneNetworkModel network = PhoneNetworkModel.typical(7);
        List<CallScenario> answered = IntStream.range(0, CALLS).mapToObj(i -> network.next())
                .filter(c -> c.outcome() == CallOutcome.COMPLETED).toList();
        assertThat(answered).allSatisfy(c -> assertThat(c.ring()).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(30)));
        double meanRing = answered.stream().mapToDouble(c -> c.ring().toMillis() / 1000.0).average().orElseThrow();
        double meanTalk = answered.stream().mapToDouble(c -> c.talk().toMillis() / 1000.0).average().orElseThrow();
        assertThat(meanRing).isCloseTo(17.5, within(0.3));
        assertThat(meanTalk).as("log-normal around 90 s").isCloseTo(90, within(1.5));
        double longCalls = answered.stream().filter(c -> c.talk().toSeconds() > 180).count() / (double) answered.size();
        assertThat(longCalls).as("a long tail, as real calls have").isBetween(0.05, 0.12);
    }

    @Test
    void theSameSeedGivesTheSameCalls() {
        PhoneNetworkModel a = PhoneNetworkModel.typical(99);
        PhoneNetworkModel b = PhoneNetworkModel.typical(99);
        for (int i = 0; i < 1000; i++) {
            assertThat(a.next()).isEqualTo(b.next());
        }
    }

    @Test
    void impossibleRatesAreRejected() {
        assertThatThrownBy(() -> new PhoneNetworkModel.Rates(0.6, 0.3, 0.2, 0)).hasMessageContaining("add up");
        assertThat(new PhoneNetworkModel.Rates(0.3, 0.1, 0.05, 0.02).noAnswer()).isCloseTo(0.53, within(1e-9));
    }
}
