package io.vaani.dialer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The LiveKit server that places SIP calls and dispatches agents ({@code vaani.livekit.*}). */
@ConfigMapping(prefix = "vaani.livekit")
public interface LiveKitConfig {
    /** The server's URL (http(s) or ws(s)); campaigns on LIVEKIT telephony need it. */
    Optional<String> url();

    Optional<String> apiKey();

    Optional<String> apiSecret();

    /** Longest wait for one LiveKit API answer, beyond the call's ring timeout when waiting for an answer. */
    @WithDefault("15s")
    Duration requestTimeout();
}
