package io.vaani.agent.voice.vad;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * The Silero VAD v5 model in ONNX Runtime: one session for the whole process (ONNX Runtime allows
 * concurrent {@code run} calls on a session), with the recurrent state of each call kept apart in a
 * {@link SileroStream}. The model file is put on the classpath by the build (see the module's pom).
 */
public final class SileroModel implements AutoCloseable {

    /** The model runs at 16 kHz: the rate it was trained for first and LiveKit's default; other rates are resampled to it. */
    public static final int SAMPLE_RATE = 16_000;
    /** Samples judged per run: 32 ms, the window Silero v5 was trained on at 16 kHz. */
    public static final int WINDOW_SAMPLES = 512;
    public static final Duration WINDOW = Duration.ofMillis(WINDOW_SAMPLES * 1000L / SAMPLE_RATE);
    /** Samples of the previous window put before each one: v5 expects them, as its reference code does. */
    static final int CONTEXT_SAMPLES = 64;
    static final String RESOURCE = "/vad/silero_vad.onnx";

    private final OrtEnvironment environment;
    private final OrtSession session;

    private SileroModel(OrtEnvironment environment, OrtSession session) {
        this.environment = environment;
        this.session = session;
    }

    /** Loads the model from the classpath; call once per process. */
    public static SileroModel load() {
        byte[] model;
        try (InputStream in = SileroModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath: the build fetches it (agent-worker/src/build/silero-model.sh)");
            }
            model = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            // One thread per run: a window is a few hundred microseconds of work, and the calls
            // themselves spread over the cores; more threads would only contend.
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            return new SileroModel(environment, environment.createSession(model, options));
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load the Silero VAD model", e);
        }
    }

    /** A fresh recurrent state for one audio stream. */
    public SileroStream newStream() {
        return new SileroStream(this);
    }

    OrtEnvironment environment() {
        return environment;
    }

    OrtSession.Result run(java.util.Map<String, OnnxTensor> inputs) throws OrtException {
        return session.run(inputs);
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }
}
