package io.vaani.api.call;

import io.vaani.api.call.CallDtos.Recording;
import io.vaani.api.config.ApiConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;

/** Recordings are served straight from S3 by pre-signed URLs: the API never streams audio. */
@ApplicationScoped
class Recordings {
    private final S3Presigner presigner;
    private final String bucket;
    private final Duration ttl;
    private final Clock clock;

    Recordings(S3Presigner presigner, ApiConfig config, Clock clock) {
        this.presigner = presigner;
        this.bucket = config.recordings().bucket();
        this.ttl = config.recordings().urlTtl();
        this.clock = clock;
    }

    /** Signing is local: no request reaches S3 until the URL is used. */
    Recording url(String key) {
        var signedAt = clock.instant();
        PresignedGetObjectRequest signed = presigner.presignGetObject(p -> p.signatureDuration(ttl)
                .getObjectRequest(get -> get.bucket(bucket).key(key).responseContentType("audio/ogg")));
        return new Recording(signed.url().toString(), signed.expiration() != null ? signed.expiration() : signedAt.plus(ttl));
    }
}
