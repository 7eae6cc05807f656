package io.vaani.agent.room;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import livekit.LivekitModels.DataPacket;
import livekit.LivekitModels.DataStream;

/**
 * A transcript segment as the data packets of one LiveKit text stream on topic {@code lk.transcription}:
 * a header carrying the segment's attributes, the UTF-8 text in chunks, and a trailer. This is how
 * LiveKit agents publish transcriptions and what LiveKit's client SDKs read.
 */
final class TranscriptionPackets {

    static final String TOPIC = "lk.transcription";
    static final String SEGMENT_ID = "lk.segment_id";
    static final String TRANSCRIBED_TRACK_ID = "lk.transcribed_track_id";
    static final String FINAL = "lk.transcription_final";
    /** LiveKit's SDKs keep stream chunks under 15 kB so that a packet fits the data channel comfortably. */
    static final int CHUNK_BYTES = 15_000;

    private TranscriptionPackets() {
    }

    static List<DataPacket> of(String senderIdentity, TranscriptSegment segment) {
        String streamId = UUID.randomUUID().toString();
        byte[] text = segment.text().getBytes(StandardCharsets.UTF_8);
        List<DataPacket> packets = new ArrayList<>();
        packets.add(packet(senderIdentity).setStreamHeader(DataStream.Header.newBuilder()
                .setStreamId(streamId)
                .setTimestamp(System.currentTimeMillis())
                .setTopic(TOPIC)
                .setMimeType("text/plain")
                .setTotalLength(text.length)
                .putAttributes(SEGMENT_ID, segment.segmentId())
                .putAttributes(TRANSCRIBED_TRACK_ID, segment.transcribedTrackSid())
                .putAttributes(FINAL, Boolean.toString(segment.isFinal()))
                .setTextHeader(DataStream.TextHeader.newBuilder()
                        .setOperationType(DataStream.OperationType.CREATE)))
                .build());
        int index = 0;
        for (int start = 0; start < text.length;) {
            int end = chunkEnd(text, start);
            packets.add(packet(senderIdentity).setStreamChunk(DataStream.Chunk.newBuilder()
                    .setStreamId(streamId)
                    .setChunkIndex(index++)
                    .setContent(ByteString.copyFrom(text, start, end - start)))
                    .build());
            start = end;
        }
        packets.add(packet(senderIdentity).setStreamTrailer(DataStream.Trailer.newBuilder().setStreamId(streamId)).build());
        return packets;
    }

    private static DataPacket.Builder packet(String senderIdentity) {
        return DataPacket.newBuilder().setKind(DataPacket.Kind.RELIABLE).setParticipantIdentity(senderIdentity);
    }

    /** The end of a chunk from {@code start}: at most {@link #CHUNK_BYTES}, never inside a UTF-8 sequence. */
    static int chunkEnd(byte[] text, int start) {
        int end = Math.min(text.length, start + CHUNK_BYTES);
        while (end < text.length && end > start && (text[end] & 0xC0) == 0x80) {
            end--;
        }
        return end;
    }
}
