package io.vaani.agent.livekit;

import io.vaani.agent.audio.AudioFrame;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Real speech for the stand-in's caller: espeak-ng renders a sentence to a WAV under target/ at test time. */
public final class SpeechWav {

    public static final String SENTENCE = "Hello, this is Maria. I got your message about the appointment on Tuesday.";

    private SpeechWav() {
    }

    /** The sentence spoken, as mono PCM at espeak-ng's rate (22050 Hz); rendered once per build. */
    public static synchronized AudioFrame caller() {
        Path wav = Path.of("target", "speech", "caller.wav");
        try {
            if (!Files.exists(wav)) {
                Files.createDirectories(wav.getParent());
                Process espeak = new ProcessBuilder("espeak-ng", "-w", wav.toString(), SENTENCE)
                        .redirectErrorStream(true).start();
                if (!espeak.waitFor(30, TimeUnit.SECONDS) || espeak.exitValue() != 0) {
                    throw new IllegalStateException("espeak-ng failed: " + new String(espeak.getInputStream().readAllBytes()));
                }
            }
            return read(wav);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Reads a 16-bit PCM WAV, averaging its channels. */
    public static AudioFrame read(Path wav) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(wav)).order(ByteOrder.LITTLE_ENDIAN);
        bytes.position(12);
        int channels = 0;
        int rate = 0;
        int bits = 0;
        while (bytes.remaining() >= 8) {
            int id = bytes.getInt();
            int size = bytes.getInt();
            int body = bytes.position();
            if (id == 0x20746d66) { // "fmt "
                bytes.getShort();
                channels = bytes.getShort();
                rate = bytes.getInt();
                bytes.getInt();
                bytes.getShort();
                bits = bytes.getShort();
            } else if (id == 0x61746164) { // "data"
                if (bits != 16) {
                    throw new IOException("not 16-bit PCM: " + wav);
                }
                // espeak-ng writes a streaming header whose data size may be 0 or too large: take what is there
                int length = size <= 0 || size > bytes.remaining() ? bytes.remaining() : size;
                short[] samples = new short[length / 2 / channels];
                for (int i = 0; i < samples.length; i++) {
                    int sum = 0;
                    for (int c = 0; c < channels; c++) {
                        sum += bytes.getShort();
                    }
                    samples[i] = (short) (sum / channels);
                }
                return new AudioFrame(samples, rate);
            }
            bytes.position(body + size + (size & 1));
        }
        throw new IOException("no data chunk in " + wav);
    }
}
