package io.vaani.dialer.pacing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The predictive count: agents about to free against answers about to arrive, at a risk per call. */
class ForecastTest {
    static final CallModel MODEL = PacerTest.MODEL;

    static int calls(int idle, double[] talking, double[] ringing, double risk) {
        return Forecast.callsToPlace(new Forecast.Basis(MODEL, new CallAges(talking, ringing), 0), idle, risk, 1000);
    }

    @Test
    void idleAgentsGetAboutOneCallPerAnswerExpected() {
        // 20 idle agents, nothing live: answers 30% of the calls; at a small risk somewhat fewer than 20 / 0.3.
        int calls = calls(20, new double[0], new double[0], 0.02);
        assertThat(calls).isBetween(30, 66);
    }

    @Test
    void moreRiskMeansMoreCalls() {
        assertThat(calls(20, new double[0], new double[0], 0.1)).isGreaterThan(calls(20, new double[0], new double[0], 0.01));
    }

    @Test
    void ringingCallsCountAgainstNewOnes() {
        int none = calls(20, new double[0], new double[0], 0.02);
        int withRinging = calls(20, new double[0], PacerTest.ages(30, 3), 0.02);
        assertThat(withRinging).isLessThan(none);
        // Calls ringing past the longest answer delay will not be answered: they take nothing.
        assertThat(calls(20, new double[0], PacerTest.ages(30, 31), 0.02)).isEqualTo(none);
    }

    @Test
    void oldConversationsFreeAgentsSooner() {
        assertThat(calls(0, PacerTest.ages(50, 200), new double[0], 0.02))
                .isGreaterThan(calls(0, PacerTest.ages(50, 10), new double[0], 0.02));
    }

    @Test
    void noAgentsAndNoConversationsMeanNoCalls() {
        assertThat(calls(0, new double[0], new double[0], 0.5)).isZero();
    }

    @Test
    void theCountNeverPassesTheCap() {
        assertThat(Forecast.callsToPlace(new Forecast.Basis(MODEL, CallAges.NONE, 0), 500, 0.2, 7)).isEqualTo(7);
    }
}
