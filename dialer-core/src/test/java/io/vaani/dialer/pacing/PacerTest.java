package io.vaani.dialer.pacing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaani.contracts.domain.PacingMode;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** Manual and adaptive pacing on top of the calculator and the damper. */
class PacerTest {
    static final DamperSettings DAMPER = DamperSettings.defaults();
    /** 10 agents, 4 connected, 2 ringing: 6 free. */
    static final Capacity SOME_IDLE = new Capacity(10, 100, 100, 4, 2, 50, 50);
    static final Capacity ALL_BUSY = new Capacity(10, 100, 100, 10, 0, 50, 50);

    static Pacer.Inputs inputs(PacingMode mode, Capacity capacity, long answered, long abandoned) {
        return new Pacer.Inputs(mode, 2.0, 3.0, DAMPER, capacity, answered, abandoned, 0);
    }

    @Test
    void manualDialsAtTheConfiguredRatio() {
        Pacer.Decision decision = Pacer.decide(inputs(PacingMode.MANUAL, SOME_IDLE, 0, 0), PacingState.initial(2.0, 0, 0));
        assertThat(decision.ratio()).isEqualTo(2.0);
        assertThat(decision.calls()).isEqualTo(6 * 2 - 2);
    }

    @Test
    void manualRatioIsCappedAndDampedButNeverBelowOne() {
        Pacer.Inputs wild = new Pacer.Inputs(PacingMode.MANUAL, 5.0, 3.0, DAMPER, SOME_IDLE, 0, 0, 0);
        assertThat(Pacer.decide(wild, PacingState.initial(5.0, 0, 0)).ratio()).isEqualTo(3.0);
        PacingState damped = new PacingState(0.5, 5.0, 0, 0, 0, 0);
        // Period rate 2.6% of 100 answered: near the 3% target, the damper backs off again (0.5 × 0.7).
        Pacer.Decision decision = Pacer.decide(new Pacer.Inputs(PacingMode.MANUAL, 3.0, 3.0, DAMPER, SOME_IDLE, 1000, 26, 0),
                damped);
        assertThat(decision.next().damping()).isCloseTo(0.35, Offset.offset(1e-9));
        assertThat(decision.ratio()).isCloseTo(1.0 + 2.0 * 0.35, Offset.offset(1e-9));
    }

    @Test
    void adaptiveHoldsBetweenAdjustmentsThenRaisesWhileAgentsIdle() {
        PacingState state = PacingState.initial(1.0, 0, 0);
        for (int tick = 1; tick < Pacer.ADJUST_EVERY; tick++) {
            state = Pacer.decide(inputs(PacingMode.ADAPTIVE, SOME_IDLE, 0, 0), state).next();
            assertThat(state.ratio()).isEqualTo(1.0);
        }
        state = Pacer.decide(inputs(PacingMode.ADAPTIVE, SOME_IDLE, 0, 0), state).next();
        assertThat(state.ratio()).isCloseTo(1.0 + Pacer.UP_STEP, Offset.offset(1e-9));
        assertThat(state.ticks()).isZero();
    }

    @Test
    void adaptiveNeverRisesWhileEveryAgentIsBusy() {
        PacingState state = PacingState.initial(1.5, 0, 0);
        for (int tick = 0; tick < 10 * Pacer.ADJUST_EVERY; tick++) {
            state = Pacer.decide(inputs(PacingMode.ADAPTIVE, ALL_BUSY, 0, 0), state).next();
        }
        assertThat(state.ratio()).isEqualTo(1.5);
    }

    @Test
    void adaptiveRisesNoHigherThanTheMaximumRatio() {
        PacingState state = PacingState.initial(1.0, 0, 0);
        for (int tick = 0; tick < 200 * Pacer.ADJUST_EVERY; tick++) {
            state = Pacer.decide(inputs(PacingMode.ADAPTIVE, SOME_IDLE, 0, 0), state).next();
        }
        assertThat(state.ratio()).isEqualTo(3.0);
    }

    @Test
    void adaptiveFallsAtOnceWhenAbandonsPassTheTargetOverEnoughAnswers() {
        PacingState state = new PacingState(1.0, 2.5, Pacer.ADJUST_EVERY - 1, 1000, 10, 0);
        // 40 answered since the last move, 2 abandoned: 5% > 3%.
        PacingState next = Pacer.decide(inputs(PacingMode.ADAPTIVE, SOME_IDLE, 1040, 12), state).next();
        assertThat(next.ratio()).isCloseTo(2.5 * 0.8, Offset.offset(1e-9));
        assertThat(next.answeredMark()).isEqualTo(1040);
    }

    @Test
    void abandonsAreJudgedOverAtLeastTwentyAnswers() {
        // 5 answered, 1 abandoned: over 20 answers that is still 5%, above 3%: the ratio falls.
        PacingState state = new PacingState(1.0, 2.0, Pacer.ADJUST_EVERY - 1, 0, 0, 0);
        assertThat(Pacer.decide(inputs(PacingMode.ADAPTIVE, SOME_IDLE, 5, 1), state).next().ratio()).isLessThan(2.0);
        // 40 answered, 1 abandoned: 2.5%, under the target: no fall; the window of abandons is kept going.
        PacingState later = new PacingState(1.0, 2.0, Pacer.ADJUST_EVERY - 1, 0, 0, 0);
        PacingState next = Pacer.decide(inputs(PacingMode.ADAPTIVE, SOME_IDLE, 40, 1), later).next();
        assertThat(next.ratio()).isGreaterThanOrEqualTo(2.0);
    }

    @Test
    void adaptiveStopsRisingOnceThePeriodAbandonRateIsHalfTheTarget() {
        // 1000 answered over the period with 20 abandoned (2%): over half of 3%, so idle agents no longer raise the ratio.
        PacingState state = new PacingState(1.0, 2.0, Pacer.ADJUST_EVERY - 1, 990, 20, 3.0);
        assertThat(Pacer.decide(inputs(PacingMode.ADAPTIVE, SOME_IDLE, 1000, 20), state).next().ratio()).isEqualTo(2.0);
    }
}
