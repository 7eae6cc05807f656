package io.vaani.agent.voice.vad;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Map;

/**
 * One stream's run of the Silero model: its recurrent state and the context carried from window to
 * window. The input tensors wrap direct buffers, which ONNX Runtime reads in place, so a window
 * costs no tensor allocation on our side. One thread at a time.
 */
public final class SileroStream implements AutoCloseable {
    private static final int STATE_SIZE = 2 * 128;

    private final SileroModel model;
    private final FloatBuffer input;
    private final FloatBuffer state;
    private final OnnxTensor inputTensor;
    private final OnnxTensor stateTensor;
    private final OnnxTensor rateTensor;
    private final Map<String, OnnxTensor> inputs;
    private final float[] context = new float[SileroModel.CONTEXT_SAMPLES];

    SileroStream(SileroModel model) {
        this.model = model;
        int length = SileroModel.CONTEXT_SAMPLES + SileroModel.WINDOW_SAMPLES;
        this.input = floats(length);
        this.state = floats(STATE_SIZE);
        try {
            this.inputTensor = OnnxTensor.createTensor(model.environment(), input, new long[] { 1, length });
            this.stateTensor = OnnxTensor.createTensor(model.environment(), state, new long[] { 2, 1, 128 });
            LongBuffer rate = ByteBuffer.allocateDirect(Long.BYTES).order(ByteOrder.nativeOrder()).asLongBuffer().put(0, SileroModel.SAMPLE_RATE);
            this.rateTensor = OnnxTensor.createTensor(model.environment(), rate, new long[] {});
        } catch (OrtException e) {
            throw new IllegalStateException("cannot create the Silero input tensors", e);
        }
        this.inputs = Map.of("input", inputTensor, "state", stateTensor, "sr", rateTensor);
    }

    /** The speech probability of the next {@value SileroModel#WINDOW_SAMPLES} samples at 16 kHz, scaled to [-1, 1]. */
    public float probability(float[] window) {
        if (window.length != SileroModel.WINDOW_SAMPLES) {
            throw new IllegalArgumentException("a window is " + SileroModel.WINDOW_SAMPLES + " samples, not " + window.length);
        }
        input.put(0, context).put(SileroModel.CONTEXT_SAMPLES, window);
        try (OrtSession.Result result = model.run(inputs)) {
            float probability = ((OnnxTensor) result.get("output").orElseThrow()).getFloatBuffer().get(0);
            OnnxValue next = result.get("stateN").orElseThrow();
            state.put(0, ((OnnxTensor) next).getFloatBuffer(), 0, STATE_SIZE);
            System.arraycopy(window, SileroModel.WINDOW_SAMPLES - SileroModel.CONTEXT_SAMPLES, context, 0, SileroModel.CONTEXT_SAMPLES);
            return probability;
        } catch (OrtException e) {
            throw new IllegalStateException("Silero inference failed", e);
        }
    }

    @Override
    public void close() {
        inputTensor.close();
        stateTensor.close();
        rateTensor.close();
    }

    private static FloatBuffer floats(int length) {
        return ByteBuffer.allocateDirect(length * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }
}
