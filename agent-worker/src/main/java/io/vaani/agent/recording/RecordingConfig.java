package io.vaani.agent.recording;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Call recordings ({@code vaani.recordings.*}); the S3 connection itself is the {@code quarkus.s3.*} one api-service uses. */
@ConfigMapping(prefix = "vaani.recordings")
public interface RecordingConfig {

    /** The bucket recordings go to and api-service serves them from ({@code VAANI_RECORDINGS_BUCKET}). */
    String bucket();

    /** Opus bitrate in bit/s: 24 kbit/s keeps mono wideband speech clear at about 11 MB per hour. */
    @WithDefault("24000")
    int bitrate();

    /** Where recordings are encoded while their calls go on; the system's temporary directory when absent. */
    Optional<Path> directory();

    Upload upload();

    interface Upload {
        /** Uploads tried before the recording is given up. */
        @WithDefault("4")
        int attempts();

        /** Pause after the first failed upload, doubled after each further one (1 s: 7 s in all over 4 attempts). */
        @WithDefault("1s")
        Duration backoff();
    }
}
