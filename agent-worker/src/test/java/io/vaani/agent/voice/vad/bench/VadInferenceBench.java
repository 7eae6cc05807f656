package io.vaani.agent.voice.vad.bench;

import io.vaani.agent.audio.AudioFrame;
import io.vaani.agent.voice.vad.SileroModel;
import io.vaani.agent.voice.vad.SileroStream;
import io.vaani.agent.voice.vad.SpeechDetector;
import io.vaani.agent.voice.vad.VadOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test (deploy/local/bench.sh vad): the cost of one 32 ms Silero window, alone and
 * with every core busy, and of a whole call's detector fed 48 kHz audio in 20 ms frames (resampling
 * and the state machine included). A core keeps up with 32 ms divided by the time per window calls.
 */
@Tag("bench")
class VadInferenceBench {
    private static final int WINDOWS = 5_000;
    private static final double WINDOW_MICROS = 32_000;

    @Test
    void inferencePerWindow() throws Exception {
        try (SileroModel model = SileroModel.load()) {
            float[] audio = noisySpeechLike(WINDOWS + 1_000);
            timeWindows(model, audio, 1_000); // warm up
            double[] micros = timeWindows(model, audio, WINDOWS);
            Arrays.sort(micros);
            double mean = Arrays.stream(micros).average().orElseThrow();
            System.out.printf("%nBENCH vad: one thread: %.0f µs a window (p50 %.0f, p99 %.0f): %.0f calls a core%n", mean,
                    micros[micros.length / 2], micros[micros.length * 99 / 100], WINDOW_MICROS / mean);

            int cores = Runtime.getRuntime().availableProcessors();
            ExecutorService threads = Executors.newFixedThreadPool(cores);
            try {
                long start = System.nanoTime();
                List<Future<double[]>> runs = new ArrayList<>();
                for (int i = 0; i < cores; i++) {
                    runs.add(threads.submit(() -> timeWindows(model, audio, WINDOWS)));
                }
                for (Future<double[]> run : runs) {
                    run.get();
                }
                // each thread holds a core: core time per window is the wall time over one thread's windows
                double perWindow = (System.nanoTime() - start) / 1000.0 / WINDOWS;
                System.out.printf("BENCH vad: %d threads on %d cores: %.0f µs of a core a window: %.0f calls a core, 50 calls use %.0f%% of %d cores%n",
                        cores, cores, perWindow, WINDOW_MICROS / perWindow, 50 * perWindow / WINDOW_MICROS / cores * 100, cores);
            } finally {
                threads.shutdownNow();
            }
        }
    }

    @Test
    void detectorPerCallAt48kHz() {
        try (SileroModel model = SileroModel.load();
                SpeechDetector detector = new SpeechDetector(model, VadOptions.defaults(), event -> { })) {
            int seconds = 120;
            short[] samples = new short[48_000 * seconds];
            float[] source = noisySpeechLike(samples.length / 1536 + 1);
            for (int i = 0; i < samples.length; i++) {
                samples[i] = (short) (source[i / 3] * 12_000);
            }
            List<AudioFrame> frames = new ArrayList<>();
            for (int i = 0; i < samples.length; i += 960) {
                frames.add(new AudioFrame(Arrays.copyOfRange(samples, i, i + 960), 48_000));
            }
            frames.subList(0, 500).forEach(detector::push); // warm up
            long start = System.nanoTime();
            frames.subList(500, frames.size()).forEach(detector::push);
            double pushed = (frames.size() - 500) * 0.020;
            double micros = (System.nanoTime() - start) / 1000.0;
            double perWindow = micros / (pushed / 0.032);
            System.out.printf("BENCH vad: detector at 48 kHz (resampling, state machine): %.0f µs a window, %.2f%% of a core a call: %.0f calls a core%n",
                    perWindow, perWindow / WINDOW_MICROS * 100, WINDOW_MICROS / perWindow);
        }
    }

    private static double[] timeWindows(SileroModel model, float[] audio, int count) {
        double[] micros = new double[count];
        float[] window = new float[SileroModel.WINDOW_SAMPLES];
        try (SileroStream stream = model.newStream()) {
            for (int i = 0; i < count; i++) {
                System.arraycopy(audio, i * SileroModel.WINDOW_SAMPLES, window, 0, window.length);
                long start = System.nanoTime();
                stream.probability(window);
                micros[i] = (System.nanoTime() - start) / 1000.0;
            }
        }
        return micros;
    }

    /** Bursts of harmonic sound in noise: the model's cost does not depend on the content, but the state should move. */
    private static float[] noisySpeechLike(int windows) {
        Random random = new Random(11);
        float[] audio = new float[windows * SileroModel.WINDOW_SAMPLES];
        for (int i = 0; i < audio.length; i++) {
            double voiced = (i / 16_000) % 2 == 0 ? 0.3 * Math.sin(2 * Math.PI * 140 * i / 16_000.0) * Math.sin(2 * Math.PI * 3 * i / 16_000.0) : 0;
            audio[i] = (float) (voiced + 0.01 * random.nextGaussian());
        }
        return audio;
    }
}
