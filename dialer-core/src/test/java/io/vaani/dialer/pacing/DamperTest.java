package io.vaani.dialer.pacing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DamperTest {
    static final DamperSettings SETTINGS = DamperSettings.defaults(); // 3%, 50 calls, ×0.7 down, +0.05 up, 25% carrier

    @Test
    void backsOffFastAsTheAbandonRateNearsItsTarget() {
        Damper damper = Damper.undamped();
        damper = damper.next(SETTINGS, 1000, 25, 0); // 2.5%: above 80% of 3%
        assertThat(damper.damping()).isCloseTo(0.7, within(1e-9));
        damper = damper.next(SETTINGS, 1000, 25, 0).next(SETTINGS, 1000, 25, 0);
        assertThat(damper.damping()).isCloseTo(0.343, within(1e-9));
        assertThat(damper.apply(3.0, 5.0, SETTINGS, 1000, 25)).isCloseTo(1 + 2 * 0.343, within(1e-9));
    }

    @Test
    void recoversSlowlyOnlyWhenWellBelowTheTarget() {
        Damper damper = new Damper(0.3);
        assertThat(damper.next(SETTINGS, 1000, 20, 0)).as("2%: between half and 80% of the target, hold").isEqualTo(damper);
        int ticks = 0;
        while (damper.damping() < 1.0) {
            damper = damper.next(SETTINGS, 1000, 10, 0); // 1%
            ticks++;
        }
        assertThat(ticks).as("0.3 back to 1.0 by steps of 0.05").isEqualTo(14);
        assertThat(damper.next(SETTINGS, 1000, 0, 0).damping()).as("never above 1").isEqualTo(1.0);
    }

    @Test
    void atTheTargetTheRatioIsOne() {
        assertThat(Damper.undamped().apply(3.0, 5.0, SETTINGS, 1000, 30)).isEqualTo(1.0);
        assertThat(Damper.undamped().apply(3.0, 5.0, SETTINGS, 1000, 29)).isEqualTo(3.0);
    }

    @Test
    void aSmallSampleIsNotEnforced() {
        Damper damper = Damper.undamped().next(SETTINGS, 49, 10, 0); // 20%, but only 49 answered
        assertThat(damper.damping()).isEqualTo(1.0);
        assertThat(damper.apply(2.0, 5.0, SETTINGS, 49, 10)).isEqualTo(2.0);
        assertThat(Damper.undamped().next(SETTINGS, 50, 10, 0).damping()).as("from 50 answered on").isEqualTo(0.7);
    }

    @Test
    void carrierFailureSpikesBackOffWhateverTheSample() {
        assertThat(Damper.undamped().next(SETTINGS, 0, 0, 0.4).damping()).isEqualTo(0.7);
        assertThat(new Damper(0.7).next(SETTINGS, 0, 0, 0.2).damping()).as("not yet clear of the spike").isEqualTo(0.7);
        assertThat(new Damper(0.7).next(SETTINGS, 0, 0, 0.05).damping()).isCloseTo(0.75, within(1e-9));
    }

    @Test
    void theRatioIsCappedAndNeverBelowOne() {
        assertThat(Damper.undamped().apply(7.0, 4.0, SETTINGS, 0, 0)).isEqualTo(4.0);
        assertThat(Damper.undamped().apply(0.5, 4.0, SETTINGS, 0, 0)).isEqualTo(1.0);
        assertThat(new Damper(0).apply(4.0, 4.0, SETTINGS, 0, 0)).isEqualTo(1.0);
    }

    @Test
    void theForecastsBandGuardsOnlyTheTargetItself() {
        Damper undamped = Damper.undamped();
        assertThat(undamped.next(SETTINGS, Damper.Band.FORECAST, 1000, 29, 0)).as("2.9%: under the target").isEqualTo(undamped);
        Damper backedOff = undamped.next(SETTINGS, Damper.Band.FORECAST, 1000, 30, 0);
        assertThat(backedOff.damping()).isEqualTo(0.7);
        assertThat(backedOff.next(SETTINGS, Damper.Band.FORECAST, 1000, 28, 0)).as("2.8%: not yet clear").isEqualTo(backedOff);
        assertThat(backedOff.next(SETTINGS, Damper.Band.FORECAST, 1000, 26, 0).damping()).isCloseTo(0.75, within(1e-9));
    }
}
