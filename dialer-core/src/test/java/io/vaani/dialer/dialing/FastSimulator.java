package io.vaani.dialer.dialing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The simulated network 60 times faster than life, seeded; leases and repairs on short intervals. */
public class FastSimulator implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("vaani.dialer.simulator.speed", "60", "vaani.dialer.simulator.seed", "7",
                "vaani.dialer.simulator.agent-slots", "100", "vaani.dialer.lease-margin", "2s",
                "vaani.dialer.reconcile-interval", "2s");
    }
}
