package io.vaani.agent.provider.stt;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;

/** The byte forms providers take the caller's audio in: raw little-endian PCM16 and a WAV file of it. */
public final class SttAudio {

    private SttAudio() {
    }

    public static byte[] littleEndian(short[] samples) {
        return littleEndian(samples, samples.length);
    }

    /** The first {@code length} samples. */
    public static byte[] littleEndian(short[] samples, int length) {
        ByteBuffer bytes = ByteBuffer.allocate(length * 2).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asShortBuffer().put(samples, 0, length);
        return bytes.array();
    }

    /** A mono 16-bit PCM WAV file (44-byte RIFF header) around little-endian samples. */
    public static byte[] wav(byte[] pcm, int sampleRate) {
        ByteBuffer wav = ByteBuffer.allocate(44 + pcm.length).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes()).putInt(36 + pcm.length).put("WAVE".getBytes());
        wav.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(sampleRate).putInt(sampleRate * 2).putShort((short) 2).putShort((short) 16);
        wav.put("data".getBytes()).putInt(pcm.length).put(pcm);
        return wav.array();
    }

    public static Duration duration(long samples, int sampleRate) {
        return Duration.ofNanos(samples * 1_000_000_000L / sampleRate);
    }

    public static Duration seconds(double seconds) {
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }
}
