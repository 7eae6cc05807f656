package io.vaani.agent.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vaani.testing.TcpProxy;
import io.vaani.testing.s3.S3ProxyServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/** Uploads against S3Proxy: what lands, and what happens while the store cannot be reached. */
class RecordingUploaderTest {
    private static S3ProxyServer server;
    private static S3Client s3;

    @TempDir
    Path directory;

    @BeforeAll
    static void startS3() {
        server = S3ProxyServer.start(S3Buckets.BUCKET);
        s3 = S3Buckets.client(server.endpoint());
    }

    @AfterAll
    static void stopS3() {
        s3.close();
        server.close();
    }

    private Path file(int bytes) throws Exception {
        byte[] content = new byte[bytes];
        new Random(bytes).nextBytes(content);
        return Files.write(directory.resolve("recording.ogg"), content);
    }

    @Test
    void theRecordingLandsUnderItsKeyByteForByte() throws Exception {
        Path file = file(300_000);
        var uploader = new RecordingUploader(s3, S3Buckets.BUCKET, 1, Duration.ofMillis(10));

        RecordingOutcome outcome = uploader.upload("mv/2025/01/02/5.ogg", file, Files.size(file), Duration.ofSeconds(100));

        assertThat(outcome).isEqualTo(new RecordingOutcome.Stored("mv/2025/01/02/5.ogg", Duration.ofSeconds(100), 300_000));
        ResponseBytes<GetObjectResponse> object = s3.getObjectAsBytes(get -> get.bucket(S3Buckets.BUCKET).key("mv/2025/01/02/5.ogg"));
        assertThat(object.asByteArray()).isEqualTo(Files.readAllBytes(file));
        assertThat(object.response().contentType()).isEqualTo("audio/ogg");
    }

    @Test
    void anUploadIsRetriedUntilTheStoreIsBack() throws Exception {
        Path file = file(10_000);
        try (TcpProxy proxy = new TcpProxy(URI.create(server.endpoint()).getPort());
                S3Client throughProxy = S3Buckets.client("http://127.0.0.1:" + proxy.port())) {
            proxy.cut();
            var uploader = new RecordingUploader(throughProxy, S3Buckets.BUCKET, 5, Duration.ofMillis(400));

            CompletableFuture<RecordingOutcome> upload = CompletableFuture.supplyAsync(
                    () -> uploader.upload("mv/2025/01/02/6.ogg", file, 10_000, Duration.ofSeconds(1)));
            // the first attempt fails at once; the store comes back during the pauses that follow
            await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2)).until(() -> !upload.isDone());
            assertThat(upload).isNotDone();
            proxy.restore();

            assertThat(upload.get(20, TimeUnit.SECONDS)).isInstanceOf(RecordingOutcome.Stored.class);
        }
        assertThat(s3.getObjectAsBytes(get -> get.bucket(S3Buckets.BUCKET).key("mv/2025/01/02/6.ogg")).asByteArray())
                .isEqualTo(Files.readAllBytes(file));
    }

    @Test
    void aStoppedStoreIsTriedWithGrowingPausesThenReported() throws Exception {
        Path file = file(10_000);
        S3ProxyServer stopped = S3ProxyServer.start(S3Buckets.BUCKET);
        String endpoint = stopped.endpoint();
        stopped.close();
        try (S3Client unreachable = S3Buckets.client(endpoint)) {
            var uploader = new RecordingUploader(unreachable, S3Buckets.BUCKET, 3, Duration.ofMillis(200));
            long started = System.nanoTime();

            RecordingOutcome outcome = uploader.upload("mv/2025/01/02/7.ogg", file, 10_000, Duration.ofSeconds(1));

            // 200 ms then 400 ms between the three attempts
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(600));
            assertThat(outcome).isInstanceOfSatisfying(RecordingOutcome.Failed.class, failed -> {
                assertThat(failed.attempts()).isEqualTo(3);
                assertThat(failed.cause()).hasMessageContaining("Connection refused");
            });
        }
    }
}
