package io.vaani.agent.recording;

import java.nio.file.Path;
import java.time.Duration;
import software.amazon.awssdk.services.s3.S3Client;

/** The process's recorder factory as the application builds it, for tests outside this package that wire the agent by hand. */
public final class S3Recorders {
    private S3Recorders() {
    }

    public static CallRecorders to(S3Client s3, String bucket) {
        return new CallRecorders(new RecordingUploader(s3, bucket, 3, Duration.ofMillis(200)), Path.of(System.getProperty("java.io.tmpdir")),
                24_000, System::nanoTime);
    }

    /** A client for S3Proxy at {@code endpoint}, path-style with its static keys. */
    public static S3Client client(String endpoint) {
        return S3Buckets.client(endpoint);
    }
}
