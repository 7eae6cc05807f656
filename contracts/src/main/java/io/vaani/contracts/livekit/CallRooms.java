package io.vaani.contracts.livekit;

import java.util.OptionalLong;

/** The LiveKit room of a call is named after its call log ({@code call-<id>}): the dialer names it, webhooks read it back. */
public final class CallRooms {
    private static final String PREFIX = "call-";

    private CallRooms() {
    }

    public static String name(long callLogId) {
        return PREFIX + callLogId;
    }

    /** The call log id of a room of ours; empty for any other room. */
    public static OptionalLong callLogId(String room) {
        if (room == null || !room.startsWith(PREFIX)) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(room.substring(PREFIX.length())));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
