package io.vaani.agent.provider.tts;

/**
 * Little-endian 16-bit PCM bytes to samples, as the providers send them ({@code pcm_s16le},
 * {@code linear16}). Chunks may split a sample; the odd byte waits for the next chunk.
 */
final class PcmDecoder {
    private int pending = -1;

    short[] decode(byte[] bytes, int offset, int length) {
        int available = length + (pending >= 0 ? 1 : 0);
        short[] samples = new short[available / 2];
        int at = offset;
        int end = offset + length;
        int index = 0;
        if (pending >= 0 && at < end) {
            samples[index++] = (short) (pending | (bytes[at++] << 8));
            pending = -1;
        }
        while (at + 1 < end) {
            samples[index++] = (short) ((bytes[at] & 0xff) | (bytes[at + 1] << 8));
            at += 2;
        }
        if (at < end) {
            pending = bytes[at] & 0xff;
        }
        return samples;
    }

    short[] decode(byte[] bytes) {
        return decode(bytes, 0, bytes.length);
    }
}
