package io.vaani.api;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vaani.testing.s3.S3ProxyServer;
import java.util.Map;

/** S3Proxy as the application's S3, holding the recordings bucket. */
public class S3Resource implements QuarkusTestResourceLifecycleManager {
    public static final String BUCKET = "vaani-recordings-test";

    private S3ProxyServer server;

    @Override
    public Map<String, String> start() {
        server = S3ProxyServer.start(BUCKET);
        return Map.of("quarkus.s3.endpoint-override", server.endpoint(), "quarkus.s3.aws.region", S3ProxyServer.REGION,
                "quarkus.s3.aws.credentials.type", "static",
                "quarkus.s3.aws.credentials.static-provider.access-key-id", S3ProxyServer.ACCESS_KEY,
                "quarkus.s3.aws.credentials.static-provider.secret-access-key", S3ProxyServer.SECRET_KEY,
                "vaani.api.recordings.bucket", BUCKET);
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server, new TestInjector.MatchesType(S3ProxyServer.class));
    }

    @Override
    public void stop() {
        server.close();
    }
}
