package io.vaani.agent.provider;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * The speech and language providers' keys (from the Kubernetes secret, as OPENAI_API_KEY, ...) and
 * addresses ({@code vaani.providers.*}). Addresses are settable for proxies, regional endpoints and
 * the protocol servers of the tests.
 */
@ConfigMapping(prefix = "vaani.providers")
public interface ProviderConfig {

    /** Time to open a connection or get a response's first byte before the request counts as failed. */
    @WithDefault("10s")
    Duration connectTimeout();

    Endpoint openai();

    Endpoint groq();

    Endpoint deepgram();

    Endpoint elevenlabs();

    Endpoint cartesia();

    Endpoint sarvam();

    interface Endpoint {
        Optional<String> apiKey();

        /** REST base URL; the provider's public one unless set. */
        Optional<String> baseUrl();

        /** Websocket base URL, for providers that stream over one; derived from the REST base unless set. */
        Optional<String> websocketUrl();
    }
}
