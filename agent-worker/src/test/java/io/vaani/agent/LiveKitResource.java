package io.vaani.agent;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vaani.agent.livekit.AgentDispatcherStandIn;
import io.vaani.agent.livekit.LiveKitStandIn;
import java.util.Map;

/** The LiveKit stand-in the application registers with, configured as a deployment would be; tests get it in their fields. */
public class LiveKitResource implements QuarkusTestResourceLifecycleManager {
    private LiveKitStandIn livekit;
    private AgentDispatcherStandIn dispatcher;

    @Override
    public Map<String, String> start() {
        livekit = new LiveKitStandIn();
        dispatcher = new AgentDispatcherStandIn(livekit);
        return Map.of("vaani.livekit.url", livekit.url().toString(), "vaani.livekit.api-key", LiveKitStandIn.API_KEY,
                "vaani.livekit.api-secret", LiveKitStandIn.API_SECRET);
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(livekit, new TestInjector.MatchesType(LiveKitStandIn.class));
        injector.injectIntoFields(dispatcher, new TestInjector.MatchesType(AgentDispatcherStandIn.class));
    }

    @Override
    public void stop() {
        livekit.close();
    }
}
