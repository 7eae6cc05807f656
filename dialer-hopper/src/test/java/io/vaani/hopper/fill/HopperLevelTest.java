package io.vaani.hopper.fill;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaani.contracts.calling.CallingWindow;
import io.vaani.contracts.domain.CampaignStatus;
import io.vaani.contracts.domain.ComplianceProfile;
import io.vaani.contracts.domain.LeadOrder;
import io.vaani.contracts.domain.PacingMode;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class HopperLevelTest {

    static CampaignSettings campaign(int concurrency, double ratio, double maxRatio, PacingMode mode, int interval, int min) {
        return new CampaignSettings(UUID.randomUUID(), UUID.randomUUID(), CampaignStatus.RUNNING,
                CallingWindow.parse("{}", ComplianceProfile.US), LeadOrder.OLDEST_FIRST, 3, concurrency, ratio, maxRatio,
                mode, interval, min, null);
    }

    @Test
    void twoMinutesOfDialingAtTheHighestPace() {
        // 2 × 10 slots × ratio 1.5 × 12 ticks a minute
        assertThat(HopperLevel.of(campaign(10, 1.5, 3, PacingMode.MANUAL, 5, 0), 100_000)).isEqualTo(360);
        // adaptive pacing may reach its cap, so the hopper holds for it
        assertThat(HopperLevel.of(campaign(10, 1.5, 3, PacingMode.ADAPTIVE, 5, 0), 100_000)).isEqualTo(720);
        // slower clocks need fewer
        assertThat(HopperLevel.of(campaign(10, 1.0, 3, PacingMode.MANUAL, 15, 0), 100_000)).isEqualTo(80);
    }

    @Test
    void boundedByTheMinimumAndTheCap() {
        assertThat(HopperLevel.of(campaign(1, 1.0, 1, PacingMode.MANUAL, 15, 20), 100_000)).isEqualTo(20);
        assertThat(HopperLevel.of(campaign(5000, 5.0, 5, PacingMode.MANUAL, 2, 0), 10_000)).isEqualTo(10_000);
    }
}
