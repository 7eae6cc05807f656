package io.vaani.ticker;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The service's own ticker stays off: the test runs ticker replicas of its own. */
public class OwnReplicasOnly implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("vaani.ticker.enabled", "false");
    }
}
