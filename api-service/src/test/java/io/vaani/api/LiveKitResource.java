package io.vaani.api;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vaani.testing.livekit.LiveKitTwirpServer;
import java.util.Map;

/** A LiveKit stand-in the application is configured to use; tests get it in their {@code LiveKitTwirpServer} field. */
public class LiveKitResource implements QuarkusTestResourceLifecycleManager {
    public static final String API_KEY = "APIvaaniApiTest";
    public static final String API_SECRET = "vaani-api-test-secret-long-enough-for-hs256";

    private LiveKitTwirpServer server;

    @Override
    public Map<String, String> start() {
        server = LiveKitTwirpServer.start(API_KEY, API_SECRET);
        return Map.of("vaani.livekit.url", server.url(), "vaani.livekit.api-key", API_KEY, "vaani.livekit.api-secret", API_SECRET);
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server, new TestInjector.MatchesType(LiveKitTwirpServer.class));
    }

    @Override
    public void stop() {
        server.close();
    }
}
