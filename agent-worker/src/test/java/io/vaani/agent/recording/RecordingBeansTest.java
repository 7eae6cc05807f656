package io.vaani.agent.recording;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vaani.testing.s3.S3ProxyServer;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/** The application's recorder factory, configured by the same quarkus.s3.* settings as api-service and VAANI_RECORDINGS_BUCKET. */
@QuarkusTest
@TestProfile(RecordingBeansTest.Profile.class)
@WithTestResource(RecordingBeansTest.S3Resource.class)
class RecordingBeansTest {
    static final String BUCKET = "vaani-recordings-app-test";

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // no LiveKit or Redis needed to record: the worker stays unregistered
            return Map.of("vaani.agent.enabled", "false", "quarkus.redis.hosts", "redis://127.0.0.1:1",
                    "VAANI_RECORDINGS_BUCKET", BUCKET);
        }
    }

    public static class S3Resource implements QuarkusTestResourceLifecycleManager {
        private S3ProxyServer server;

        @Override
        public Map<String, String> start() {
            server = S3ProxyServer.start(BUCKET);
            return Map.of("VAANI_S3_ENDPOINT", server.endpoint(), "VAANI_S3_REGION", S3ProxyServer.REGION,
                    "quarkus.s3.aws.credentials.type", "static",
                    "quarkus.s3.aws.credentials.static-provider.access-key-id", S3ProxyServer.ACCESS_KEY,
                    "quarkus.s3.aws.credentials.static-provider.secret-access-key", S3ProxyServer.SECRET_KEY);
        }

        @Override
        public void stop() {
            server.close();
        }
    }

    @Inject
    CallRecorders recorders;
    @Inject
    S3Client s3;

    @Test
    void aRecordingLandsInTheConfiguredBucketAtItsKey() throws Exception {
        CallRecorder recorder = recorders.start(314, Instant.parse("2025-12-31T23:00:00Z"));
        Tones.frames(440, 10_000, 0.5, 48_000).forEach(recorder::fromCaller);

        RecordingOutcome outcome = recorder.finish();

        assertThat(outcome).isInstanceOf(RecordingOutcome.Stored.class);
        assertThat(outcome.key()).isEqualTo("mv/2025/12/31/314.ogg");
        byte[] object = s3.getObjectAsBytes(get -> get.bucket(BUCKET).key(outcome.key())).asByteArray();
        assertThat(OggOpusFile.parse(object).pages()).allSatisfy(page -> assertThat(page.checksumMatches()).isTrue());
    }
}
