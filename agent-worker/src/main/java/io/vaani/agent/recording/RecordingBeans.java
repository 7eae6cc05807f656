package io.vaani.agent.recording;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The recorder factory of the process. The S3 client is the one the Amazon S3 extension produces
 * from {@code quarkus.s3.*}, so that the worker reads the same settings (VAANI_S3_ENDPOINT,
 * VAANI_S3_REGION, VAANI_S3_PATH_STYLE, the default credentials chain) as api-service.
 */
@Singleton
public class RecordingBeans {

    @Produces
    @Singleton
    CallRecorders callRecorders(S3Client s3, RecordingConfig config) {
        // Builds the extension's client now, at start-up: built lazily from a call's virtual thread, its synthetic
        // builder bean finds no injection point and fails.
        s3.serviceName();
        var uploader = new RecordingUploader(s3, config.bucket(), config.upload().attempts(), config.upload().backoff());
        Path directory = config.directory().orElse(Path.of(System.getProperty("java.io.tmpdir")));
        return new CallRecorders(uploader, directory, config.bitrate(), System::nanoTime);
    }
}
