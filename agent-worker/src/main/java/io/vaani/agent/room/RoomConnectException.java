package io.vaani.agent.room;

/** Joining a room failed: the server refused (see {@link #httpStatus()}), did not answer in time, or the media did not connect. */
public final class RoomConnectException extends RuntimeException {

    private final int httpStatus;

    RoomConnectException(String message, int httpStatus, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
    }

    RoomConnectException(String message, Throwable cause) {
        this(message, 0, cause);
    }

    /** The HTTP status of a refused websocket upgrade (401 for a bad token...), or 0. */
    public int httpStatus() {
        return httpStatus;
    }
}
