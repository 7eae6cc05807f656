package io.vaani.agent.provider.stt;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/** Reads the WAV files clients upload, as the providers would: RIFF/WAVE, PCM, and what it holds. */
public record WavFiles(int sampleRate, int channels, int bitsPerSample, byte[] pcm) {

    /** @throws IllegalArgumentException when the bytes are not a PCM WAV file */
    public static WavFiles read(byte[] file) {
        if (file.length < 44 || !new String(file, 0, 4).equals("RIFF") || !new String(file, 8, 4).equals("WAVE")) {
            throw new IllegalArgumentException("not a WAV file");
        }
        ByteBuffer bytes = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int position = 12;
        int rate = 0;
        int channels = 0;
        int bits = 0;
        while (position + 8 <= file.length) {
            String id = new String(file, position, 4);
            int size = bytes.getInt(position + 4);
            if (id.equals("fmt ")) {
                if (bytes.getShort(position + 8) != 1) {
                    throw new IllegalArgumentException("not PCM");
                }
                channels = bytes.getShort(position + 10);
                rate = bytes.getInt(position + 12);
                bits = bytes.getShort(position + 22);
            } else if (id.equals("data")) {
                return new WavFiles(rate, channels, bits, Arrays.copyOfRange(file, position + 8, Math.min(file.length, position + 8 + size)));
            }
            position += 8 + size;
        }
        throw new IllegalArgumentException("no data chunk");
    }

    public double seconds() {
        return (double) pcm.length / (sampleRate * channels * (bitsPerSample / 8));
    }

    /** The words a protocol server hears in the file: the script's utterances it holds, joined. */
    public String heard(TranscriptScript script, double silenceSeconds) {
        HeardSpeech ear = new HeardSpeech(sampleRate, script, silenceSeconds, 1e9);
        StringBuilder text = new StringBuilder();
        for (HeardSpeech.Heard heard : ear.audio(pcm)) {
            append(text, heard);
        }
        ear.finalizeNow(HeardSpeech.Cause.CLOSE).forEach(heard -> append(text, heard));
        return text.toString();
    }

    private static void append(StringBuilder text, HeardSpeech.Heard heard) {
        if (heard instanceof HeardSpeech.Ended ended && !ended.text().isEmpty()) {
            text.append(text.isEmpty() ? "" : " ").append(ended.text());
        }
    }
}
