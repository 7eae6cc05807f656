package io.vaani.agent.config;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** The LiveKit server the worker registers with ({@code vaani.livekit.*}, from LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET). */
@ConfigMapping(prefix = "vaani.livekit")
public interface LiveKitConfig {

    /** ws(s):// or http(s):// address of the LiveKit server; empty leaves the worker unregistered. */
    Optional<String> url();

    Optional<String> apiKey();

    Optional<String> apiSecret();

    default boolean configured() {
        return url().filter(u -> !u.isBlank()).isPresent() && apiKey().filter(k -> !k.isBlank()).isPresent()
                && apiSecret().filter(s -> !s.isBlank()).isPresent();
    }
}
