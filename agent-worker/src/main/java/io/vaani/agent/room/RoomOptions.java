package io.vaani.agent.room;

import java.time.Duration;

/**
 * How a room is joined.
 *
 * @param connectTimeout from the websocket's opening until the primary peer connection is up
 * @param publishTimeout for the server to confirm a published track and answer the offer carrying it
 */
public record RoomOptions(Duration connectTimeout, Duration publishTimeout) {

    public RoomOptions {
        if (connectTimeout.isNegative() || connectTimeout.isZero() || publishTimeout.isNegative() || publishTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    public static RoomOptions defaults() {
        return new RoomOptions(Duration.ofSeconds(10), Duration.ofSeconds(10));
    }
}
