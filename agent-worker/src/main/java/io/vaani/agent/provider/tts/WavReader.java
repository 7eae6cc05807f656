package io.vaani.agent.provider.tts;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * 16-bit PCM WAV as it streams (espeak-ng writes one to stdout with an unknown length) or whole
 * (Sarvam's base64 audio). Channels are averaged to mono.
 */
final class WavReader {
    /** Writers that stream before knowing the length put a huge or zero size in the data header. */
    private static final long UNKNOWN_LENGTH = 0x7fff0000L;

    private final DataInputStream in;
    private final int sampleRate;
    private final int channels;
    private long remaining;

    private WavReader(DataInputStream in, int sampleRate, int channels, long dataLength) {
        this.in = in;
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.remaining = dataLength == 0 || dataLength >= UNKNOWN_LENGTH ? Long.MAX_VALUE : dataLength;
    }

    /** Reads the header up to the start of the samples. */
    static WavReader open(InputStream stream) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        if (!"RIFF".equals(tag(in))) {
            throw new IOException("not a WAV file");
        }
        in.readInt();
        if (!"WAVE".equals(tag(in))) {
            throw new IOException("not a WAV file");
        }
        int format = -1;
        int channels = 0;
        int sampleRate = 0;
        int bits = 0;
        while (true) {
            String chunk = tag(in);
            long length = Integer.toUnsignedLong(Integer.reverseBytes(in.readInt()));
            if (chunk.equals("fmt ")) {
                format = Short.reverseBytes(in.readShort()) & 0xffff;
                channels = Short.reverseBytes(in.readShort());
                sampleRate = Integer.reverseBytes(in.readInt());
                in.readInt();
                in.readShort();
                bits = Short.reverseBytes(in.readShort());
                in.skipNBytes(length - 16 + (length & 1));
            } else if (chunk.equals("data")) {
                boolean extensiblePcm = format == 0xfffe;
                if ((format != 1 && !extensiblePcm) || bits != 16 || channels < 1 || sampleRate <= 0) {
                    throw new IOException("unsupported WAV: format " + format + ", " + bits + " bits, " + channels + " channels");
                }
                return new WavReader(in, sampleRate, channels, length);
            } else {
                in.skipNBytes(length + (length & 1));
            }
        }
    }

    static WavReader open(byte[] wav) throws IOException {
        return open(new ByteArrayInputStream(wav));
    }

    int sampleRate() {
        return sampleRate;
    }

    /** Up to {@code maxFrames} mono samples; null at the end. */
    short[] read(int maxFrames) throws IOException {
        int frameBytes = 2 * channels;
        long wanted = Math.min((long) maxFrames * frameBytes, remaining - remaining % frameBytes);
        if (wanted <= 0) {
            return null;
        }
        byte[] bytes = new byte[(int) wanted];
        int count = in.readNBytes(bytes, 0, frameBytes); // block for at least one frame
        if (count < frameBytes) {
            return null;
        }
        int available = Math.min(in.available(), bytes.length - count);
        count += in.readNBytes(bytes, count, available - available % frameBytes);
        remaining -= count;
        short[] samples = new short[count / frameBytes];
        for (int frame = 0; frame < samples.length; frame++) {
            int sum = 0;
            for (int channel = 0; channel < channels; channel++) {
                int at = frame * frameBytes + channel * 2;
                sum += (short) ((bytes[at] & 0xff) | (bytes[at + 1] << 8));
            }
            samples[frame] = (short) (sum / channels);
        }
        return samples;
    }

    /** Everything left, as one array. */
    short[] readAll() throws IOException {
        short[] all = new short[0];
        for (short[] chunk = read(1 << 16); chunk != null; chunk = read(1 << 16)) {
            short[] joined = Arrays.copyOf(all, all.length + chunk.length);
            System.arraycopy(chunk, 0, joined, all.length, chunk.length);
            all = joined;
        }
        return all;
    }

    private static String tag(DataInputStream in) throws IOException {
        byte[] bytes = new byte[4];
        try {
            in.readFully(bytes);
        } catch (EOFException e) {
            throw new IOException("WAV ended before its samples", e);
        }
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
