package io.vaani.agent.room;

/**
 * A transcript segment as LiveKit agents publish it on the {@code lk.transcription} text stream.
 *
 * @param segmentId the same id for the interim and final versions of one segment
 * @param transcribedTrackSid the audio track the text belongs to: the caller's for what they said, ours for what we said
 * @param text the whole text of the segment so far
 * @param isFinal whether this version of the segment will not change any more
 */
public record TranscriptSegment(String segmentId, String transcribedTrackSid, String text, boolean isFinal) {

    public TranscriptSegment {
        if (segmentId == null || segmentId.isBlank() || text == null) {
            throw new IllegalArgumentException("a segment needs an id and a text");
        }
        transcribedTrackSid = transcribedTrackSid == null ? "" : transcribedTrackSid;
    }
}
