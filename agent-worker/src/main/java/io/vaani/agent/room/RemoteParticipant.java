package io.vaani.agent.room;

import java.util.Map;

/**
 * Another participant of the room as the server last described it.
 *
 * @param audioTrackSid the sid of its first published audio track, or null while it publishes none
 */
public record RemoteParticipant(String sid, String identity, String name, ParticipantKind kind,
        Map<String, String> attributes, String audioTrackSid) {
}
