package io.vaani.agent.audio;

import java.nio.ByteOrder;

/** 16-bit PCM as libwebrtc hands it over and takes it: interleaved samples in the platform's byte order. */
public final class PcmBytes {

    private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private PcmBytes() {
    }

    /** Averages the channels of {@code frames} interleaved frames into {@code mono}. */
    public static void toMono(byte[] data, int channels, int frames, short[] mono) {
        for (int frame = 0; frame < frames; frame++) {
            int sum = 0;
            int base = frame * channels * 2;
            for (int channel = 0; channel < channels; channel++) {
                sum += sample(data, base + channel * 2);
            }
            mono[frame] = (short) (sum / channels);
        }
    }

    /** Writes {@code length} mono samples from {@code samples[offset]} into {@code bytes} from index 0. */
    public static void toBytes(short[] samples, int offset, int length, byte[] bytes) {
        for (int i = 0; i < length; i++) {
            short value = samples[offset + i];
            int at = i * 2;
            if (LITTLE_ENDIAN) {
                bytes[at] = (byte) value;
                bytes[at + 1] = (byte) (value >> 8);
            } else {
                bytes[at] = (byte) (value >> 8);
                bytes[at + 1] = (byte) value;
            }
        }
    }

    private static short sample(byte[] data, int at) {
        return LITTLE_ENDIAN
                ? (short) ((data[at] & 0xff) | (data[at + 1] << 8))
                : (short) ((data[at + 1] & 0xff) | (data[at] << 8));
    }
}
