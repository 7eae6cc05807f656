package io.vaani.dialer.pacing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PacingCalculatorTest {

    static Capacity capacity(int campaign, int workspace, int agents, int connected, int ringing) {
        return new Capacity(campaign, workspace, agents, connected, ringing, 1000, 1000);
    }

    @ParameterizedTest(name = "limits {0}/{1}/{2}, connected {3}, ringing {4}, ratio {5} -> {6}")
    @CsvSource({
            // free slots × ratio − ringing
            "10, 100, 100, 0, 0, 1.0, 10",
            "10, 100, 100, 4, 0, 1.0, 6",
            "10, 100, 100, 4, 0, 2.5, 15",
            "10, 100, 100, 4, 5, 2.5, 10",
            // the tightest of campaign, workspace and worker limits
            "10, 3, 100, 4, 0, 2.0, 6",
            "10, 100, 2, 4, 0, 2.0, 4",
            // nothing when full or when enough is ringing already
            "10, 100, 100, 10, 0, 3.0, 0",
            "10, 100, 100, 12, 0, 3.0, 0",
            "10, 100, 100, 8, 9, 3.0, 0",
            // fractions round down
            "10, 100, 100, 7, 0, 1.5, 4" })
    void placesFreeSlotsTimesRatioMinusRinging(int campaign, int workspace, int agents, int connected, int ringing,
            double ratio, int expected) {
        assertThat(PacingCalculator.callsToPlace(capacity(campaign, workspace, agents, connected, ringing), ratio))
                .isEqualTo(expected);
    }

    @Test
    void boundedByTheTickMaximumAndTheTrunk() {
        assertThat(PacingCalculator.callsToPlace(new Capacity(500, 500, 500, 0, 0, 40, 1000), 2.0)).isEqualTo(40);
        assertThat(PacingCalculator.callsToPlace(new Capacity(500, 500, 500, 0, 0, 40, 10), 2.0)).isEqualTo(10);
        assertThat(PacingCalculator.trunkBudget(1.0, 5)).isEqualTo(5);
        assertThat(PacingCalculator.trunkBudget(0.1, 5)).as("a slow trunk still takes one call a tick").isEqualTo(1);
        assertThat(PacingCalculator.trunkBudget(0, 5)).isZero();
    }

    @Test
    void rejectsImpossibleInput() {
        assertThatThrownBy(() -> PacingCalculator.callsToPlace(capacity(10, 10, 10, 0, 0), 0.9))
                .hasMessageContaining("at least 1.0");
        assertThatThrownBy(() -> capacity(10, 10, 10, -1, 0)).hasMessageContaining("negative");
    }
}
