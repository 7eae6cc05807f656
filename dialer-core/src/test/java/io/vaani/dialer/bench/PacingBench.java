package io.vaani.dialer.bench;

import io.vaani.contracts.domain.PacingMode;
import io.vaani.dialer.simulator.PhoneNetworkModel;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test (deploy/local/bench.sh pacing): an 8-hour campaign day in virtual time,
 * seed 42, answer rate 30%, ring 5–30 s (unanswered calls ring to 30 s), talk log-normal around
 * 90 s; capacity 50 and 10. Prints agent occupancy and abandon rate per pacing mode.
 */
@Tag("bench")
class PacingBench {

    @Test
    void campaignDay() {
        System.out.printf("%nBENCH pacing: %-9s %-28s %10s %9s %8s %9s %9s%n", "capacity", "mode", "occupancy", "abandon",
                "placed", "answered", "abandoned");
        for (int capacity : new int[] { 50, 10 }) {
            print(PacingSimulation.run(capacity, PacingMode.MANUAL, 1.0, network(), 2, 8, "progressive (manual 1.0)"));
            print(PacingSimulation.run(capacity, PacingMode.MANUAL, 2.0, network(), 2, 8, "manual 2.0, damped"));
            print(PacingSimulation.run(capacity, PacingMode.MANUAL, 3.3, network(), 2, 8, "manual 3.3 (1/answer), damped"));
            print(PacingSimulation.run(capacity, PacingMode.MANUAL, 5.0, network(), 2, 8, "manual 5.0 (the cap), damped"));
            print(PacingSimulation.run(capacity, PacingMode.ADAPTIVE, 1.0, network(), 2, 8, "adaptive"));
        }
        System.out.println();
    }

    private static PhoneNetworkModel network() {
        return new PhoneNetworkModel(new PhoneNetworkModel.Rates(0.30, 0, 0, 0), Duration.ofSeconds(5), Duration.ofSeconds(30),
                Duration.ofSeconds(90), 0.5, 42);
    }

    private static void print(PacingSimulation.Result r) {
        System.out.printf("BENCH pacing: %-9d %-28s %9.1f%% %8.2f%% %8d %9d %9d%n", r.capacity(), r.mode(), r.occupancy() * 100,
                r.abandonRate() * 100, r.placed(), r.answered(), r.abandoned());
    }
}
