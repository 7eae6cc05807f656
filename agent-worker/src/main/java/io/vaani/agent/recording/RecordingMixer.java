package io.vaani.agent.recording;

import java.io.IOException;

/**
 * Places both sides of a call on one timeline and sums them into the frames handed to a
 * {@link FrameSink}, at {@link OggOpusEncoder#SAMPLE_RATE}.
 *
 * <p>Each side keeps a cursor where its last frame ended. A frame continues its side's audio at
 * the cursor unless it arrived more than {@link #GAP} after that point: then a new burst begins,
 * placed where it arrived, leaving silence behind. Contiguous frames stay contiguous whatever
 * their arrival jitter, and pauses and overlaps (barge-in) land where they happened.
 *
 * <p>The sum waits {@link #LATENCY} for late frames, then goes out; a frame later still is placed
 * at the first moment not yet gone. Memory is one fixed ring: a side fed faster than real time
 * pushes the mix out early rather than growing it.
 */
final class RecordingMixer {
    enum Side {
        CALLER, AGENT
    }

    /** Receives mixed frames of {@link OggOpusEncoder#FRAME_SAMPLES}; the array is reused after the call returns. */
    interface FrameSink {
        void frame(short[] samples) throws IOException;
    }

    static final int GAP = OggOpusEncoder.SAMPLE_RATE / 10;
    static final int LATENCY = OggOpusEncoder.SAMPLE_RATE;
    /** About 2 s: above {@link #LATENCY} plus a frame, and small enough (128 KiB) for many calls per worker. */
    private static final int CAPACITY = 1 << 15;
    private static final int MASK = CAPACITY - 1;
    private static final int FRAME = OggOpusEncoder.FRAME_SAMPLES;

    private final int[] ring = new int[CAPACITY];
    private final long[] cursors = new long[Side.values().length];
    private final short[] frame = new short[FRAME];
    private final FrameSink sink;
    /** Timeline position of the first sample not yet handed to the sink: always a whole number of frames. */
    private long emitted;

    RecordingMixer(FrameSink sink) {
        this.sink = sink;
    }

    /** Adds {@code length} samples of {@code side} that arrived at timeline position {@code arrival}. */
    void add(Side side, short[] samples, int offset, int length, long arrival) throws IOException {
        long cursor = cursors[side.ordinal()];
        long start = Math.max(arrival > cursor + GAP ? arrival : cursor, emitted);
        int done = 0;
        while (done < length) {
            int chunk = Math.min(length - done, CAPACITY - FRAME);
            long position = start + done;
            emitWhileBefore(position + chunk - CAPACITY);
            for (int i = 0; i < chunk; i++) {
                ring[(int) ((position + i) & MASK)] += samples[offset + done + i];
            }
            done += chunk;
        }
        cursors[side.ordinal()] = start + length;
    }

    /** Sends out every whole frame that ends at least {@link #LATENCY} before {@code now}. */
    void advance(long now) throws IOException {
        while (emitted + FRAME <= now - LATENCY) {
            emitFrame();
        }
    }

    /** Sends out everything placed so far, the last frame padded with silence; returns the timeline's length in samples. */
    long finish() throws IOException {
        long end = Math.max(emitted, Math.max(cursors[0], cursors[1]));
        while (emitted < end) {
            emitFrame();
        }
        return end;
    }

    private void emitWhileBefore(long position) throws IOException {
        while (emitted < position) {
            emitFrame();
        }
    }

    private void emitFrame() throws IOException {
        for (int i = 0; i < FRAME; i++) {
            int index = (int) ((emitted + i) & MASK);
            // saturate: a sum beyond 16 bits must clip, never wrap to the opposite sign
            frame[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, ring[index]));
            ring[index] = 0;
        }
        emitted += FRAME;
        sink.frame(frame);
    }
}
