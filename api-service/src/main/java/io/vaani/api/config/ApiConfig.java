package io.vaani.api.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** api-service settings ({@code vaani.api.*}). */
@ConfigMapping(prefix = "vaani.api")
public interface ApiConfig {

    Bootstrap bootstrap();

    RateLimit rateLimit();

    Recordings recordings();

    /** How often a campaign's progress is read for those watching its events. */
    @WithDefault("2s")
    Duration progressInterval();

    /** How long an invitation can be accepted. */
    @WithDefault("7d")
    Duration invitationTtl();

    /** Local mode without an OIDC provider: a superuser and its API key, created at start when no superuser exists. */
    interface Bootstrap {
        /** {@code VAANI_BOOTSTRAP_API_KEY}: {@code vk_} and at least 20 letters, digits, '-' or '_'. */
        Optional<String> apiKey();

        /** The superuser's email. */
        @WithDefault("admin@vaani.local")
        String email();
    }

    /** Call recordings in S3, at {@code mv/YYYY/MM/DD/<call log id>.ogg}. */
    interface Recordings {
        String bucket();

        /** How long a pre-signed recording URL works. */
        @WithDefault("1h")
        Duration urlTtl();
    }

    /** Requests per minute and API key, enforced in Redis across all replicas. */
    interface RateLimit {
        /** For keys created without their own limit. */
        @WithDefault("1200")
        int perMinute();

        /** The most a key may be given. */
        @WithDefault("60000")
        int maxPerMinute();
    }
}
