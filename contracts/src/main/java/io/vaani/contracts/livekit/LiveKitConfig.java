package io.vaani.contracts.livekit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Where LiveKit's server API answers ({@code vaani.livekit.*}; env {@code LIVEKIT_URL},
 * {@code LIVEKIT_API_KEY}, {@code LIVEKIT_API_SECRET}), for every service that calls it.
 */
@ConfigMapping(prefix = "vaani.livekit")
public interface LiveKitConfig {
    /** The server's URL (http(s) or ws(s)); campaigns on LIVEKIT telephony need it. */
    Optional<String> url();

    Optional<String> apiKey();

    Optional<String> apiSecret();

    /** Longest wait for one LiveKit API answer, beyond the call's ring timeout when waiting for an answer. */
    @WithDefault("15s")
    Duration requestTimeout();

    default boolean configured() {
        return url().isPresent() && apiKey().isPresent() && apiSecret().isPresent();
    }

    /** ws(s):// as LiveKit URLs are often given, http(s):// as Twirp is served, with the trailing slash Retrofit needs. */
    static String twirpUrl(String url) {
        String http = url.replaceFirst("^ws://", "http://").replaceFirst("^wss://", "https://");
        return http.endsWith("/") ? http : http + "/";
    }
}
