package io.vaani.agent.livekit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import livekit.LivekitModels.DataPacket;
import livekit.LivekitModels.DataStream;

/** Puts LiveKit text streams back together from their header, chunks (in index order) and trailer. */
final class TextStreamAssembler {

    private record Open(String sender, DataStream.Header header, ByteArrayOutputStream text, long[] nextIndex) {
    }

    private final Map<String, Open> open = new HashMap<>();
    private final Consumer<ReceivedTranscript> transcripts;

    TextStreamAssembler(Consumer<ReceivedTranscript> transcripts) {
        this.transcripts = transcripts;
    }

    synchronized void accept(DataPacket packet) {
        switch (packet.getValueCase()) {
            case STREAM_HEADER -> open.put(packet.getStreamHeader().getStreamId(), new Open(packet.getParticipantIdentity(),
                    packet.getStreamHeader(), new ByteArrayOutputStream(), new long[1]));
            case STREAM_CHUNK -> {
                Open stream = open.get(packet.getStreamChunk().getStreamId());
                if (stream == null || packet.getStreamChunk().getChunkIndex() != stream.nextIndex()[0]) {
                    throw new IllegalStateException("chunk out of order or without header: " + packet.getStreamChunk().getChunkIndex());
                }
                stream.nextIndex()[0]++;
                stream.text().writeBytes(packet.getStreamChunk().getContent().toByteArray());
            }
            case STREAM_TRAILER -> {
                Open stream = open.remove(packet.getStreamTrailer().getStreamId());
                if (stream != null && "lk.transcription".equals(stream.header().getTopic())) {
                    Map<String, String> attributes = stream.header().getAttributesMap();
                    transcripts.accept(new ReceivedTranscript(stream.sender(), attributes.get("lk.segment_id"),
                            attributes.get("lk.transcribed_track_id"), stream.text().toString(StandardCharsets.UTF_8),
                            Boolean.parseBoolean(attributes.get("lk.transcription_final"))));
                }
            }
            default -> {
            }
        }
    }
}
