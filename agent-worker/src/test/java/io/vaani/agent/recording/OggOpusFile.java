package io.vaani.agent.recording;

import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An Ogg Opus file read back the way a player reads it, independently of the writer: pages with
 * their checksums recomputed bit by bit, packets reassembled from lacing values, and the audio
 * decoded at 48 kHz with pre-skip and end trimming applied.
 */
public record OggOpusFile(List<Page> pages, List<byte[]> packets) {

    static final int DECODED_RATE = 48_000;

    public record Page(int flags, long granule, int serial, int sequence, boolean checksumMatches, int packetsEnded) {
        boolean beginsStream() {
            return (flags & 0x02) != 0;
        }

        boolean endsStream() {
            return (flags & 0x04) != 0;
        }
    }

    public static OggOpusFile parse(byte[] file) {
        List<Page> pages = new ArrayList<>();
        List<byte[]> packets = new ArrayList<>();
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        ByteBuffer in = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        while (in.hasRemaining()) {
            int start = in.position();
            byte[] capture = new byte[4];
            in.get(capture);
            if (!Arrays.equals(capture, "OggS".getBytes(StandardCharsets.US_ASCII))) {
                throw new IllegalArgumentException("no capture pattern at byte " + start);
            }
            if (in.get() != 0) {
                throw new IllegalArgumentException("unknown stream structure version at byte " + start);
            }
            int flags = in.get() & 0xff;
            long granule = in.getLong();
            int serial = in.getInt();
            int sequence = in.getInt();
            int crc = in.getInt();
            int segments = in.get() & 0xff;
            int[] lacing = new int[segments];
            int bodyLength = 0;
            for (int i = 0; i < segments; i++) {
                lacing[i] = in.get() & 0xff;
                bodyLength += lacing[i];
            }
            byte[] body = new byte[bodyLength];
            in.get(body);
            int ended = 0;
            int at = 0;
            for (int value : lacing) {
                packet.write(body, at, value);
                at += value;
                if (value < 255) {
                    packets.add(packet.toByteArray());
                    packet.reset();
                    ended++;
                }
            }
            byte[] page = Arrays.copyOfRange(file, start, in.position());
            Arrays.fill(page, 22, 26, (byte) 0);
            pages.add(new Page(flags, granule, serial, sequence, crc(page) == crc, ended));
        }
        return new OggOpusFile(pages, packets);
    }

    /** CRC-32, polynomial 0x04C11DB7, most significant bit first, as RFC 3533 specifies it. */
    private static int crc(byte[] data) {
        int crc = 0;
        for (byte b : data) {
            crc ^= (b & 0xff) << 24;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x80000000) != 0 ? (crc << 1) ^ 0x04C11DB7 : crc << 1;
            }
        }
        return crc;
    }

    ByteBuffer head() {
        return ByteBuffer.wrap(packets.get(0)).order(ByteOrder.LITTLE_ENDIAN);
    }

    public int preSkip() {
        return head().getShort(10) & 0xffff;
    }

    public long finalGranule() {
        return pages.getLast().granule();
    }

    /** The audio as a player outputs it: every packet decoded, pre-skip dropped, trimmed to the last granule. */
    public short[] decode() throws OpusException {
        OpusDecoder decoder = new OpusDecoder(DECODED_RATE, 1);
        short[] pcm = new short[packets.size() * 5760];
        int length = 0;
        short[] frame = new short[5760];
        for (byte[] packet : packets.subList(2, packets.size())) {
            int decoded = decoder.decode(packet, 0, packet.length, frame, 0, frame.length, false);
            System.arraycopy(frame, 0, pcm, length, decoded);
            length += decoded;
        }
        int end = (int) Math.min(length, finalGranule());
        return Arrays.copyOfRange(pcm, preSkip(), end);
    }
}
