package io.vaani.agent.room;

/** Why a room session ended. */
public sealed interface Disconnection {

    /** The server told us to leave: the room was deleted, we were removed, the server shuts down... */
    record ServerLeave(String reason) implements Disconnection {
    }

    /** The signal websocket closed or stopped answering pings. */
    record SignalLost(String detail) implements Disconnection {
    }

    /** A peer connection failed (ICE or DTLS). */
    record MediaFailed(String detail) implements Disconnection {
    }

    /** {@link Room#close()} was called. */
    record ClosedByUs() implements Disconnection {
    }
}
