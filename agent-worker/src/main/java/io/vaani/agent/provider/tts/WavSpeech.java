package io.vaani.agent.provider.tts;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** WAV audio as a {@link SpeechStream}: a process's stdout as it is written, or a provider's whole file. */
public final class WavSpeech {
    /** 20 ms at 48 kHz: pieces go on as soon as the writer produced them. */
    private static final int CHUNK_FRAMES = 960;

    private WavSpeech() {
    }

    /** Reads the header now (failing if there is none); {@code abort} stops the writer. */
    public static SpeechStream stream(InputStream wav, Runnable abort) throws IOException {
        WavReader reader = WavReader.open(wav);
        return new SpeechStream() {
            @Override
            public int sampleRate() {
                return reader.sampleRate();
            }

            @Override
            public short[] read() throws IOException {
                return reader.read(CHUNK_FRAMES);
            }

            @Override
            public void abort() {
                abort.run();
                HttpSpeech.closeQuietly(wav);
            }
        };
    }

    /** Whole WAV files played one after the other (Sarvam answers with a list), all at the first file's rate. */
    public static SpeechStream whole(List<byte[]> files) throws IOException {
        List<short[]> pieces = new ArrayList<>();
        int rate = 0;
        for (byte[] file : files) {
            WavReader reader = WavReader.open(file);
            if (rate != 0 && reader.sampleRate() != rate) {
                throw new IOException("WAV files at different rates: " + rate + " and " + reader.sampleRate());
            }
            rate = reader.sampleRate();
            pieces.add(reader.readAll());
        }
        if (pieces.isEmpty()) {
            throw new IOException("no audio");
        }
        int sampleRate = rate;
        Iterator<short[]> next = pieces.iterator();
        return new SpeechStream() {
            @Override
            public int sampleRate() {
                return sampleRate;
            }

            @Override
            public short[] read() {
                return next.hasNext() ? next.next() : null;
            }

            @Override
            public void abort() {
                // nothing runs behind a finished answer
            }
        };
    }
}
