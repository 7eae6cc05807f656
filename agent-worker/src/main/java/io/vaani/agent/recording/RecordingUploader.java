package io.vaani.agent.recording;

import java.nio.file.Path;
import java.time.Duration;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Puts a finished recording into the recordings bucket. The SDK already retries a request a
 * few times within a second; on top of that whole uploads are retried with a doubling pause, to
 * ride out a store that is down for longer than that.
 */
final class RecordingUploader {
    private static final Logger LOG = Logger.getLogger(RecordingUploader.class);
    private static final String CONTENT_TYPE = "audio/ogg";

    private final S3Client s3;
    private final String bucket;
    private final int attempts;
    private final Duration firstPause;

    RecordingUploader(S3Client s3, String bucket, int attempts, Duration firstPause) {
        if (attempts < 1) {
            throw new IllegalArgumentException("at least one upload attempt is needed: " + attempts);
        }
        this.s3 = s3;
        this.bucket = bucket;
        this.attempts = attempts;
        this.firstPause = firstPause;
    }

    RecordingOutcome upload(String key, Path file, long bytes, Duration length) {
        Duration pause = firstPause;
        for (int attempt = 1; ; attempt++) {
            try {
                s3.putObject(put -> put.bucket(bucket).key(key).contentType(CONTENT_TYPE).contentLength(bytes), RequestBody.fromFile(file));
                return new RecordingOutcome.Stored(key, length, bytes);
            } catch (SdkException e) {
                if (attempt == attempts) {
                    LOG.errorf("Recording %s not stored in bucket %s after %d attempts: %s", key, bucket, attempt, e.getMessage());
                    return new RecordingOutcome.Failed(key, attempt, e);
                }
                LOG.warnf("Recording %s: upload attempt %d of %d failed (%s); retrying in %s", key, attempt, attempts, e.getMessage(), pause);
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new RecordingOutcome.Failed(key, attempt, e);
            }
            pause = pause.multipliedBy(2);
        }
    }
}
