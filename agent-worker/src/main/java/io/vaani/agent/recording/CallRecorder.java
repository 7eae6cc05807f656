package io.vaani.agent.recording;

import io.vaani.agent.audio.AudioFrame;
import io.vaani.agent.audio.Resampler;
import io.vaani.agent.recording.RecordingMixer.Side;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * Records one call: both sides, fed as they happen from any threads, mixed to mono 16 kHz and
 * encoded to Ogg Opus in a temporary file while the call goes on, then uploaded by
 * {@link #finish()}. Memory stays the same however long the call: a two-second mixing ring,
 * one Ogg page of packets and a file buffer.
 *
 * <p>Frames are placed by when they are handed over (a monotonic clock, so that a wall-clock
 * adjustment cannot move them), the call's first moment being when the recorder was created.
 */
public final class CallRecorder implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(CallRecorder.class);
    private static final int FILE_BUFFER = 64 * 1024;

    private final String key;
    private final Path file;
    private final OutputStream out;
    private final OggOpusEncoder encoder;
    private final RecordingMixer mixer;
    private final RecordingUploader uploader;
    private final LongSupplier nanoTime;
    private final long startNanos;
    private final Resampler[] resamplers = new Resampler[Side.values().length];
    private final ReentrantLock lock = new ReentrantLock();
    private short[] resampled = new short[0];
    private IOException failure;
    private boolean ended;

    /** Starts recording now, encoding to a new file in {@code directory}. */
    CallRecorder(String key, Path directory, int bitrate, RecordingUploader uploader, LongSupplier nanoTime) throws IOException {
        this.key = key;
        this.uploader = uploader;
        this.nanoTime = nanoTime;
        this.file = Files.createTempFile(directory, "recording-", ".ogg");
        OutputStream stream = null;
        try {
            stream = new BufferedOutputStream(Files.newOutputStream(file), FILE_BUFFER);
            this.encoder = new OggOpusEncoder(stream, bitrate, "Vaani call recorder");
        } catch (IOException | RuntimeException e) {
            if (stream != null) {
                stream.close();
            }
            Files.deleteIfExists(file);
            throw e;
        }
        this.out = stream;
        this.startNanos = nanoTime.getAsLong();
        this.mixer = new RecordingMixer(encoder::encode);
    }

    /** The object key the recording will be stored at. */
    public String key() {
        return key;
    }

    /** Audio received from the caller, as it arrives. */
    public void fromCaller(AudioFrame frame) {
        add(Side.CALLER, frame);
    }

    /** Audio sent to the caller (what the caller actually heard, interruptions included), as it is sent. */
    public void toCaller(AudioFrame frame) {
        add(Side.AGENT, frame);
    }

    /**
     * Ends the recording and uploads it, retrying; the temporary file is deleted whatever happens.
     * Blocks for the upload (seconds when the store is down), so call it off the media threads.
     */
    public RecordingOutcome finish() {
        lock.lock();
        try {
            if (ended) {
                throw new IllegalStateException("recording " + key + " has already ended");
            }
            ended = true;
            if (failure == null) {
                try {
                    long samples = mixer.finish();
                    encoder.finish(samples);
                    out.close();
                    Duration length = Duration.ofNanos(samples * 1_000_000_000L / OggOpusEncoder.SAMPLE_RATE);
                    return uploader.upload(key, file, Files.size(file), length);
                } catch (IOException e) {
                    failure = e;
                }
            }
            LOG.errorf("Recording %s lost: %s", key, failure.getMessage());
            return new RecordingOutcome.Failed(key, 0, failure);
        } finally {
            discard();
            lock.unlock();
        }
    }

    /** Drops the recording without storing it, unless {@link #finish()} already ended it. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (!ended) {
                ended = true;
                discard();
            }
        } finally {
            lock.unlock();
        }
    }

    private void add(Side side, AudioFrame frame) {
        lock.lock();
        try {
            if (ended || failure != null) {
                return;
            }
            Resampler resampler = resamplerFor(side, frame.sampleRate());
            short[] samples = frame.samples();
            int length = samples.length;
            if (frame.sampleRate() != OggOpusEncoder.SAMPLE_RATE) {
                int most = resampler.maxOutput(samples.length);
                if (resampled.length < most) {
                    resampled = new short[most];
                }
                length = resampler.process(samples, 0, samples.length, resampled, 0);
                samples = resampled;
            }
            long now = (nanoTime.getAsLong() - startNanos) * OggOpusEncoder.SAMPLE_RATE / 1_000_000_000L;
            mixer.add(side, samples, 0, length, Math.max(0, now));
            mixer.advance(now);
        } catch (IOException e) {
            // the call goes on unrecorded; finish() reports it
            failure = e;
            LOG.errorf("Recording %s stopped: %s", key, e.getMessage());
        } finally {
            lock.unlock();
        }
    }

    private Resampler resamplerFor(Side side, int rate) {
        Resampler resampler = resamplers[side.ordinal()];
        if (resampler == null || resampler.inputRate() != rate) {
            resampler = new Resampler(rate, OggOpusEncoder.SAMPLE_RATE);
            resamplers[side.ordinal()] = resampler;
        }
        return resampler;
    }

    private void discard() {
        try {
            out.close();
        } catch (IOException e) {
            // the file goes anyway
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warnf("Recording %s: temporary file %s not deleted: %s", key, file, e.getMessage());
        }
    }
}
