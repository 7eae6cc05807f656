package io.vaani.agent.provider.tts;

import io.vaani.agent.audio.Resampler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Real speech for the protocol servers of the tests: espeak-ng says the text, and the samples are
 * converted to the rate a client asked for and encoded as the provider would send them.
 */
public final class EspeakAudio {
    public static final int ESPEAK_RATE = 22_050;

    private EspeakAudio() {
    }

    /** espeak-ng's samples for the text at {@code sampleRate}. */
    public static short[] speak(String text, String voice, int sampleRate) {
        try {
            Process process = new ProcessBuilder("espeak-ng", "--stdout", "-b", "1", "-v", voice, "--stdin").start();
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(text.getBytes(StandardCharsets.UTF_8));
            }
            short[] samples = WavReader.open(process.getInputStream()).readAll();
            process.waitFor();
            if (sampleRate == ESPEAK_RATE) {
                return samples;
            }
            Resampler resampler = new Resampler(ESPEAK_RATE, sampleRate);
            short[] head = resampler.process(samples, 0, samples.length);
            short[] tail = resampler.drain();
            short[] all = Arrays.copyOf(head, head.length + tail.length);
            System.arraycopy(tail, 0, all, head.length, tail.length);
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static short[] speak(String text, int sampleRate) {
        return speak(text, "en-us", sampleRate);
    }

    /** Little-endian 16-bit PCM, as pcm_s16le, linear16 and OpenAI's pcm carry it. */
    public static byte[] littleEndian(short[] samples) {
        ByteBuffer bytes = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short sample : samples) {
            bytes.putShort(sample);
        }
        return bytes.array();
    }

    /** A mono 16-bit WAV file. */
    public static byte[] wav(short[] samples, int sampleRate) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + samples.length * 2)
                .put("WAVE".getBytes(StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(sampleRate).putInt(sampleRate * 2).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(samples.length * 2);
        out.writeBytes(header.array());
        out.writeBytes(littleEndian(samples));
        return out.toByteArray();
    }

    /** Root-mean-square level: speech is far above the few units of dither or silence. */
    public static double rms(short[] samples) {
        double sum = 0;
        for (short sample : samples) {
            sum += (double) sample * sample;
        }
        return samples.length == 0 ? 0 : Math.sqrt(sum / samples.length);
    }
}
