package io.vaani.agent;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** agent-worker as the application tests run it: LiveKit and the providers are the test servers of the test resources. */
public class AgentWorkerTestProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("vaani.agent.name", "app-test-agent", "vaani.agent.max-jobs", "3", "vaani.agent.join-timeout", "5s",
                "vaani.agent.voice.silence-prompt", "60s");
    }
}
