package io.vaani.agent.provider.stt;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The protocol servers' ear: splits the PCM a connection receives into utterances by energy, so
 * results are timed by the audio actually sent, never by the wall clock. Audio is judged in 20 ms
 * windows: a window whose RMS exceeds {@link #SPEECH_RMS} is speech. The first speech window
 * starts an utterance (its text is the script's next); every {@code interimEvery} of audio in the
 * utterance yields a partial revealing one more word (never all of them); the utterance ends when
 * {@code silence} of quiet follows its last speech (cause SILENCE), or at once on the client's
 * finalize/close (FINALIZE/CLOSE), whatever the audio. A finalize with no utterance under way ends
 * an empty one at the current time. Times are seconds into the connection's audio. Real speech
 * (e.g. espeak-ng at normal level) and the tests' tones both clear the threshold; digital silence
 * and line noise below about -36 dBFS do not.
 */
public final class HeardSpeech {
    public static final double SPEECH_RMS = 500;

    public enum Cause { SILENCE, FINALIZE, CLOSE }

    public sealed interface Heard {
    }

    public record Started(double at) implements Heard {
    }

    public record Partial(String text, double start, double end) implements Heard {
    }

    public record Ended(String text, double start, double end, Cause cause) implements Heard {
    }

    private final int sampleRate;
    private final int window;
    private final TranscriptScript script;
    private final double silence;
    private final double interimEvery;
    private final ByteBuffer carry = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    private long samples;
    private String[] words;
    private double start;
    private double lastSpeechEnd;
    private double nextInterim;
    private int revealed;

    public HeardSpeech(int sampleRate, TranscriptScript script, double silenceSeconds, double interimEverySeconds) {
        this.sampleRate = sampleRate;
        this.window = sampleRate / 50;
        this.script = script;
        this.silence = silenceSeconds;
        this.interimEvery = interimEverySeconds;
    }

    /** Seconds of audio received. */
    public synchronized double received() {
        return (double) samples / sampleRate;
    }

    public synchronized List<Heard> audio(byte[] pcm) {
        List<Heard> heard = new ArrayList<>();
        int offset = 0;
        while (offset < pcm.length) {
            int take = Math.min(carry.remaining(), pcm.length - offset);
            carry.put(pcm, offset, take);
            offset += take;
            carry.flip();
            while (carry.remaining() >= window * 2) {
                short[] samplesOfWindow = new short[window];
                carry.asShortBuffer().get(samplesOfWindow);
                carry.position(carry.position() + window * 2);
                judge(samplesOfWindow, heard);
            }
            carry.compact();
        }
        return heard;
    }

    public synchronized List<Heard> finalizeNow(Cause cause) {
        double now = (double) samples / sampleRate;
        if (words == null) {
            return cause == Cause.FINALIZE ? List.of(new Ended("", now, now, cause)) : List.of();
        }
        return List.of(end(now, cause));
    }

    private void judge(short[] windowSamples, List<Heard> heard) {
        double sum = 0;
        for (short s : windowSamples) {
            sum += (double) s * s;
        }
        boolean speech = Math.sqrt(sum / windowSamples.length) > SPEECH_RMS;
        double windowStart = (double) samples / sampleRate;
        samples += windowSamples.length;
        double windowEnd = (double) samples / sampleRate;
        if (speech) {
            if (words == null) {
                String text = script.next();
                words = text.isBlank() ? new String[0] : text.trim().split("\\s+");
                start = windowStart;
                nextInterim = windowStart + interimEvery;
                revealed = 0;
                heard.add(new Started(windowStart));
            }
            lastSpeechEnd = windowEnd;
        }
        if (words == null) {
            return;
        }
        if (!speech && windowEnd - lastSpeechEnd >= silence) {
            heard.add(end(lastSpeechEnd, Cause.SILENCE));
            return;
        }
        if (windowEnd >= nextInterim) {
            nextInterim += interimEvery;
            int show = Math.min(revealed + 1, Math.max(words.length - 1, Math.min(1, words.length)));
            if (show > revealed) {
                revealed = show;
                heard.add(new Partial(String.join(" ", Arrays.copyOf(words, show)), start, windowEnd));
            }
        }
    }

    private Ended end(double at, Cause cause) {
        Ended ended = new Ended(String.join(" ", words), start, Math.max(at, start), cause);
        words = null;
        return ended;
    }
}
