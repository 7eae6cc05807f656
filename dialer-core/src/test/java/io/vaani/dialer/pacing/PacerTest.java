package io.vaani.dialer.pacing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaani.contracts.domain.PacingMode;
import java.util.Arrays;
import java.util.Optional;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** Manual and adaptive pacing on top of the calculator, the forecast and the damper. */
class PacerTest {
    static final DamperSettings DAMPER = DamperSettings.defaults();
    /** 10 agents, 4 connected, 2 ringing: 6 free. */
    static final Capacity SOME_IDLE = new Capacity(10, 100, 100, 4, 2, 50, 50);
    /** 50 agents all talking, nothing ringing. */
    static final Capacity ALL_BUSY = new Capacity(50, 100, 100, 50, 0, 50, 50);
    /** 30% answered after 5–30 s, conversations log-normal around 90 s. */
    static final CallModel MODEL = new CallModel(0.3, 5, 30, 30, Math.log(90) - 0.125, 0.5, 3600);

    static Pacer.Inputs manual(double ratio, double maxRatio, Capacity capacity, long answered, long abandoned) {
        return new Pacer.Inputs(PacingMode.MANUAL, ratio, maxRatio, DAMPER, capacity, answered, abandoned, 0, Optional.empty());
    }

    static Pacer.Inputs adaptive(Capacity capacity, double[] talking, double[] ringing, long answered, long abandoned) {
        return new Pacer.Inputs(PacingMode.ADAPTIVE, 2.0, 5.0, DAMPER, capacity, answered, abandoned, 0,
                Optional.of(new Forecast.Basis(MODEL, new CallAges(talking, ringing), 0)));
    }

    static double[] ages(int count, double seconds) {
        double[] ages = new double[count];
        Arrays.fill(ages, seconds);
        return ages;
    }

    @Test
    void manualDialsAtTheConfiguredRatio() {
        Pacer.Decision decision = Pacer.decide(manual(2.0, 3.0, SOME_IDLE, 0, 0), PacingState.initial());
        assertThat(decision.ratio()).isEqualTo(2.0);
        assertThat(decision.calls()).isEqualTo(6 * 2 - 2);
    }

    @Test
    void manualRatioIsCappedAndDampedButNeverBelowOne() {
        assertThat(Pacer.decide(manual(5.0, 3.0, SOME_IDLE, 0, 0), PacingState.initial()).ratio()).isEqualTo(3.0);
        // Period rate 2.6% of 1000 answered: near the 3% target, the damper backs off again (0.5 × 0.7).
        Pacer.Decision decision = Pacer.decide(manual(3.0, 3.0, SOME_IDLE, 1000, 26), new PacingState(0.5));
        assertThat(decision.next().damping()).isCloseTo(0.35, Offset.offset(1e-9));
        assertThat(decision.ratio()).isCloseTo(1.0 + 2.0 * 0.35, Offset.offset(1e-9));
    }

    @Test
    void adaptiveDialsAsManualUntilItsCallsAreMeasured() {
        Pacer.Inputs unmeasured = new Pacer.Inputs(PacingMode.ADAPTIVE, 2.0, 3.0, DAMPER, SOME_IDLE, 0, 0, 0, Optional.empty());
        assertThat(Pacer.decide(unmeasured, PacingState.initial()).calls()).isEqualTo(6 * 2 - 2);
    }

    @Test
    void manualIgnoresAForecast() {
        Pacer.Inputs withForecast = new Pacer.Inputs(PacingMode.MANUAL, 1.0, 3.0, DAMPER, ALL_BUSY, 0, 0, 0,
                adaptive(ALL_BUSY, ages(50, 300), new double[0], 0, 0).forecast());
        assertThat(Pacer.decide(withForecast, PacingState.initial()).calls()).isZero();
    }

    @Test
    void adaptiveDialsForAgentsAboutToFreeWhileEveryAgentTalks() {
        // Manual pacing places nothing while all 50 agents talk; conversations 2 minutes old end soon.
        assertThat(Pacer.decide(manual(3.0, 5.0, ALL_BUSY, 0, 0), PacingState.initial()).calls()).isZero();
        Pacer.Decision decision = Pacer.decide(adaptive(ALL_BUSY, ages(50, 120), new double[0], 0, 0), PacingState.initial());
        assertThat(decision.calls()).isPositive();
        assertThat(decision.ratio()).isGreaterThan(1.0);
    }

    @Test
    void adaptiveHoldsBackForFreshConversations() {
        Pacer.Decision fresh = Pacer.decide(adaptive(ALL_BUSY, ages(50, 30), new double[0], 0, 0), PacingState.initial());
        Pacer.Decision old = Pacer.decide(adaptive(ALL_BUSY, ages(50, 120), new double[0], 0, 0), PacingState.initial());
        assertThat(fresh.calls()).isLessThan(old.calls());
    }

    @Test
    void adaptiveNeverDialsLessThanProgressive() {
        // 6 free agents, 2 ringing calls: progressive places 4 whatever the forecast says.
        Pacer.Decision decision = Pacer.decide(adaptive(SOME_IDLE, ages(4, 1), ages(2, 1), 0, 0), PacingState.initial());
        assertThat(decision.calls()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void adaptiveFallsToProgressiveOnceAbandonsReachTheTarget() {
        Capacity idle = new Capacity(10, 100, 100, 0, 0, 50, 50);
        Pacer.Decision open = Pacer.decide(adaptive(idle, new double[0], new double[0], 1000, 10), PacingState.initial());
        assertThat(open.calls()).isGreaterThan(10);
        Pacer.Decision atTarget = Pacer.decide(adaptive(idle, new double[0], new double[0], 1000, 30), PacingState.initial());
        assertThat(atTarget.calls()).isEqualTo(10);
        assertThat(atTarget.ratio()).isEqualTo(1.0);
        assertThat(atTarget.next().damping()).isLessThan(1.0);
    }

    @Test
    void adaptiveLinesStayUnderTheMaximumRatioAndTheTickCap() {
        Capacity idle = new Capacity(10, 100, 100, 0, 0, 50, 50);
        Pacer.Inputs capped = new Pacer.Inputs(PacingMode.ADAPTIVE, 2.0, 1.5, DAMPER, idle, 0, 0, 0,
                adaptive(idle, new double[0], new double[0], 0, 0).forecast());
        assertThat(Pacer.decide(capped, PacingState.initial()).calls()).isEqualTo(15);
        Capacity slowTrunk = new Capacity(10, 100, 100, 0, 0, 50, 4);
        assertThat(Pacer.decide(adaptive(slowTrunk, new double[0], new double[0], 0, 0), PacingState.initial()).calls())
                .isEqualTo(4);
    }

    @Test
    void aDecisionRepacesOnFresherFiguresInItsOwnTerms() {
        Pacer.Decision manual = Pacer.decide(manual(2.0, 3.0, SOME_IDLE, 0, 0), PacingState.initial());
        Capacity moved = new Capacity(10, 100, 100, 4, 6, 50, 50); // another tick placed 4 meanwhile
        assertThat(manual.callsOn(moved)).isEqualTo(6 * 2 - 6);
        Capacity idle = new Capacity(10, 100, 100, 0, 0, 50, 50);
        Pacer.Decision adaptive = Pacer.decide(adaptive(idle, new double[0], new double[0], 0, 0), PacingState.initial());
        Capacity movedIdle = new Capacity(10, 100, 100, 0, 5, 50, 50);
        assertThat(adaptive.callsOn(movedIdle)).isEqualTo(adaptive.calls() - 5);
    }
}
