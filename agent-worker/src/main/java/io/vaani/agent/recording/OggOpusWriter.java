package io.vaani.agent.recording;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;

/**
 * Writes one Opus stream in an Ogg container (RFC 7845): an OpusHead page, an OpusTags page, then
 * audio pages of up to a second each, the last flagged end-of-stream. Granule positions count
 * 48 kHz samples. Only one page worth of packets is ever held in memory.
 */
final class OggOpusWriter {
    private static final int HEADER_FLAG_BOS = 0x02;
    private static final int HEADER_FLAG_EOS = 0x04;
    private static final int MAX_SEGMENTS = 255;
    /** 50 packets of 20 ms: a page per second keeps seeking cheap and loses little if a write fails. */
    private static final int MAX_PACKETS_PER_PAGE = 50;
    /**
     * Packets kept back from full pages so that the last page always holds at least this many:
     * end trimming (the final granule below the packets' total) must stay within the last page,
     * and it can trim up to a padded frame plus the encoder's look-ahead frame.
     */
    private static final int HELD_FOR_LAST_PAGE = 2;

    private record Packet(byte[] data, long granuleAfter) {
        int lacingValues() {
            return data.length / 255 + 1;
        }
    }

    private final OutputStream out;
    private final int serial;
    private final ArrayDeque<Packet> pending = new ArrayDeque<>();
    private int sequence;
    private long lastGranule;

    OggOpusWriter(OutputStream out, int serial) {
        this.out = out;
        this.serial = serial;
    }

    /** The identification header (RFC 7845 §5.1) on a page of its own, then the comment header on the next. */
    void writeHeaders(int channels, int preSkip, int inputSampleRate, String vendor) throws IOException {
        byte[] head = new byte[19];
        System.arraycopy("OpusHead".getBytes(StandardCharsets.US_ASCII), 0, head, 0, 8);
        head[8] = 1; // version
        head[9] = (byte) channels;
        putLe(head, 10, preSkip, 2);
        putLe(head, 12, inputSampleRate, 4);
        putLe(head, 16, 0, 2); // output gain
        head[18] = 0; // channel mapping family 0: mono or stereo, no table
        writePage(HEADER_FLAG_BOS, 0, new byte[][] {head});

        byte[] vendorBytes = vendor.getBytes(StandardCharsets.UTF_8);
        byte[] tags = new byte[8 + 4 + vendorBytes.length + 4];
        System.arraycopy("OpusTags".getBytes(StandardCharsets.US_ASCII), 0, tags, 0, 8);
        putLe(tags, 8, vendorBytes.length, 4);
        System.arraycopy(vendorBytes, 0, tags, 12, vendorBytes.length);
        putLe(tags, 12 + vendorBytes.length, 0, 4); // no user comments
        writePage(0, 0, new byte[][] {tags});
    }

    /** Queues one Opus packet whose last sample is at {@code granuleAfter}; writes every page that is full. */
    void writePacket(byte[] data, int length, long granuleAfter) throws IOException {
        pending.add(new Packet(Arrays.copyOf(data, length), granuleAfter));
        while (pending.size() > HELD_FOR_LAST_PAGE) {
            int take = packetsForNextPage(pending.size() - HELD_FOR_LAST_PAGE);
            boolean full = take == MAX_PACKETS_PER_PAGE || take < pending.size() - HELD_FOR_LAST_PAGE;
            if (!full) {
                return;
            }
            writePendingPage(take, 0, -1);
        }
    }

    /** Writes what is queued, the last page flagged end-of-stream at {@code finalGranule} (which may trim its final samples). */
    void finish(long finalGranule) throws IOException {
        while (pending.size() > HELD_FOR_LAST_PAGE) {
            writePendingPage(packetsForNextPage(pending.size() - HELD_FOR_LAST_PAGE), 0, -1);
        }
        writePendingPage(pending.size(), HEADER_FLAG_EOS, Math.max(finalGranule, lastGranule));
        out.flush();
    }

    /** How many of the first {@code available} queued packets fit on one page. */
    private int packetsForNextPage(int available) {
        int take = 0;
        int segments = 0;
        for (Iterator<Packet> it = pending.iterator(); it.hasNext() && take < available && take < MAX_PACKETS_PER_PAGE;) {
            int lacing = it.next().lacingValues();
            if (segments + lacing > MAX_SEGMENTS) {
                break;
            }
            segments += lacing;
            take++;
        }
        return take;
    }

    private void writePendingPage(int count, int flags, long granuleOverride) throws IOException {
        byte[][] packets = new byte[count][];
        long granule = lastGranule;
        for (int i = 0; i < count; i++) {
            Packet packet = pending.poll();
            packets[i] = packet.data();
            granule = packet.granuleAfter();
        }
        if (granuleOverride >= 0) {
            granule = granuleOverride;
        }
        writePage(flags, granule, packets);
        lastGranule = granule;
    }

    private void writePage(int flags, long granule, byte[][] packets) throws IOException {
        int segments = 0;
        int bodyLength = 0;
        for (byte[] packet : packets) {
            segments += packet.length / 255 + 1;
            bodyLength += packet.length;
        }
        byte[] page = new byte[27 + segments + bodyLength];
        System.arraycopy("OggS".getBytes(StandardCharsets.US_ASCII), 0, page, 0, 4);
        page[4] = 0; // stream structure version
        page[5] = (byte) flags;
        putLe(page, 6, granule, 8);
        putLe(page, 14, serial, 4);
        putLe(page, 18, sequence++, 4);
        page[26] = (byte) segments;
        int lacing = 27;
        int body = 27 + segments;
        for (byte[] packet : packets) {
            // a packet is 255-byte segments then one shorter (possibly empty) segment that ends it
            for (int left = packet.length; ; left -= 255) {
                page[lacing++] = (byte) Math.min(left, 255);
                if (left < 255) {
                    break;
                }
            }
            System.arraycopy(packet, 0, page, body, packet.length);
            body += packet.length;
        }
        putLe(page, 22, OggCrc.update(0, page, 0, page.length), 4);
        out.write(page);
    }

    private static void putLe(byte[] target, int offset, long value, int bytes) {
        for (int i = 0; i < bytes; i++) {
            target[offset + i] = (byte) (value >>> (8 * i));
        }
    }
}
