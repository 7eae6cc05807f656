package io.vaani.agent.room;

/** A growable ring of 16-bit samples; the caller synchronises. */
final class SampleQueue {

    private short[] ring;
    private int head;
    private int size;

    SampleQueue(int initialCapacity) {
        ring = new short[initialCapacity];
    }

    int size() {
        return size;
    }

    void add(short[] samples, int offset, int length) {
        if (length == 0) {
            return;
        }
        if (size + length > ring.length) {
            grow(size + length);
        }
        int tail = (head + size) % ring.length;
        int first = Math.min(length, ring.length - tail);
        System.arraycopy(samples, offset, ring, tail, first);
        System.arraycopy(samples, offset + first, ring, 0, length - first);
        size += length;
    }

    /** Moves up to {@code length} samples into {@code target}; returns how many. */
    int poll(short[] target, int length) {
        int count = Math.min(length, size);
        if (count == 0) {
            return 0;
        }
        int first = Math.min(count, ring.length - head);
        System.arraycopy(ring, head, target, 0, first);
        System.arraycopy(ring, 0, target, first, count - first);
        head = (head + count) % ring.length;
        size -= count;
        return count;
    }

    int clear() {
        int dropped = size;
        head = 0;
        size = 0;
        return dropped;
    }

    /** Empties the queue and gives its memory back; it grows again if used. */
    void release() {
        clear();
        ring = new short[0];
    }

    private void grow(int needed) {
        short[] bigger = new short[Math.max(Math.max(needed, 1), ring.length * 2)];
        int first = Math.min(size, ring.length - head);
        System.arraycopy(ring, head, bigger, 0, first);
        System.arraycopy(ring, 0, bigger, first, size - first);
        ring = bigger;
        head = 0;
    }
}
