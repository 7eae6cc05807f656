package io.vaani.agent.voice.vad;

import io.vaani.agent.audio.AudioFrame;
import io.vaani.agent.audio.Resampler;
import io.vaani.agent.livekit.SpeechWav;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/** Test audio: real speech spoken by espeak-ng at test time, silence, noise and tones, and ways to join and cut them. */
final class VadAudio {

    /** espeak-ng's output rate. */
    static final int SPEECH_RATE = 22_050;

    private VadAudio() {
    }

    /** {@code text} spoken by espeak-ng (22050 Hz), rendered once per build under target/. */
    static synchronized AudioFrame speech(String text) {
        Path wav = Path.of("target", "vad-speech", Integer.toHexString(text.hashCode()) + ".wav");
        try {
            if (!Files.exists(wav)) {
                Files.createDirectories(wav.getParent());
                Process espeak = new ProcessBuilder("espeak-ng", "-w", wav.toString(), text).redirectErrorStream(true).start();
                if (!espeak.waitFor(30, TimeUnit.SECONDS) || espeak.exitValue() != 0) {
                    throw new IllegalStateException("espeak-ng failed: " + new String(espeak.getInputStream().readAllBytes()));
                }
            }
            return SpeechWav.read(wav);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static AudioFrame silence(int rate, int millis) {
        return new AudioFrame(new short[rate * millis / 1000], rate);
    }

    /** Gaussian white noise at {@code rmsDbfs} (0 dBFS = full scale). */
    static AudioFrame noise(int rate, int millis, double rmsDbfs, long seed) {
        Random random = new Random(seed);
        double rms = 32767 * Math.pow(10, rmsDbfs / 20);
        short[] samples = new short[rate * millis / 1000];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = clip(random.nextGaussian() * rms);
        }
        return new AudioFrame(samples, rate);
    }

    /** A sine at {@code peakDbfs}. */
    static AudioFrame tone(int rate, int millis, double hertz, double peakDbfs) {
        double peak = 32767 * Math.pow(10, peakDbfs / 20);
        short[] samples = new short[rate * millis / 1000];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = clip(peak * Math.sin(2 * Math.PI * hertz * i / rate));
        }
        return new AudioFrame(samples, rate);
    }

    static AudioFrame join(AudioFrame... parts) {
        int length = Arrays.stream(parts).mapToInt(part -> part.samples().length).sum();
        short[] samples = new short[length];
        int position = 0;
        for (AudioFrame part : parts) {
            requireRate(part, parts[0].sampleRate());
            System.arraycopy(part.samples(), 0, samples, position, part.samples().length);
            position += part.samples().length;
        }
        return new AudioFrame(samples, parts[0].sampleRate());
    }

    /** The two signals added sample by sample, as long as the first. */
    static AudioFrame mix(AudioFrame audio, AudioFrame other) {
        requireRate(other, audio.sampleRate());
        short[] samples = audio.samples().clone();
        for (int i = 0; i < samples.length && i < other.samples().length; i++) {
            samples[i] = clip(samples[i] + other.samples()[i]);
        }
        return new AudioFrame(samples, audio.sampleRate());
    }

    static AudioFrame resample(AudioFrame audio, int rate) {
        // flush the resampler's delay with zeros so that nothing is lost at the end
        AudioFrame padded = join(audio, silence(audio.sampleRate(), 10));
        return new Resampler(audio.sampleRate(), rate).process(padded);
    }

    /** The audio cut in 20 ms frames, as a room delivers it. */
    static List<AudioFrame> frames(AudioFrame audio) {
        int size = audio.sampleRate() / 50;
        List<AudioFrame> frames = new ArrayList<>();
        for (int start = 0; start < audio.samples().length; start += size) {
            frames.add(new AudioFrame(Arrays.copyOfRange(audio.samples(), start, Math.min(audio.samples().length, start + size)), audio.sampleRate()));
        }
        return frames;
    }

    /** Seconds from the start to the first and past the last 10 ms block louder than -40 dBFS: where the voice really is. */
    static double[] voicedSpan(AudioFrame audio) {
        int block = audio.sampleRate() / 100;
        double limit = 32767 * Math.pow(10, -40 / 20.0);
        int first = -1;
        int last = -1;
        for (int b = 0; (b + 1) * block <= audio.samples().length; b++) {
            double sum = 0;
            for (int i = b * block; i < (b + 1) * block; i++) {
                sum += (double) audio.samples()[i] * audio.samples()[i];
            }
            if (Math.sqrt(sum / block) > limit) {
                first = first < 0 ? b : first;
                last = b;
            }
        }
        if (first < 0) {
            throw new IllegalArgumentException("no voice in the audio");
        }
        return new double[] { first / 100.0, (last + 1) / 100.0 };
    }

    private static void requireRate(AudioFrame frame, int rate) {
        if (frame.sampleRate() != rate) {
            throw new IllegalArgumentException(frame.sampleRate() + " Hz joined to " + rate + " Hz");
        }
    }

    private static short clip(double value) {
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(value)));
    }
}
