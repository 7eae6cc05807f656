package io.vaani.agent.livekit;

/** An {@code lk.transcription} text stream the stand-in received whole. */
public record ReceivedTranscript(String senderIdentity, String segmentId, String transcribedTrackSid, String text,
        boolean isFinal) {
}
