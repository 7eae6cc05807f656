package io.vaani.agent.provider.stt;

import io.vaani.agent.audio.AudioFrame;
import io.vaani.agent.provider.ProviderException;
import io.vaani.agent.provider.ProviderFailures;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * A session for providers that transcribe a whole utterance per request (OpenAI, Sarvam REST):
 * the audio pushed since the last utterance is kept (from {@link #startOfSpeech()} less a short
 * lead-in, and at most {@code maxUtterance}, the oldest dropped), and {@link #endOfSpeech()} sends
 * it. Requests run one at a time on a virtual thread so finals arrive in utterance order. A
 * retryable failure is tried once more when the provider asks for at most a second's wait;
 * otherwise the error ends the session. After {@link #close()} no event reaches the listener.
 */
public final class UtteranceSttSession implements SttSession {
    private static final Logger LOG = Logger.getLogger(UtteranceSttSession.class);
    private static final Duration LEAD_IN = Duration.ofMillis(300);
    private static final Duration RETRY_WAIT_LIMIT = Duration.ofSeconds(1);
    private static final Duration DEFAULT_RETRY_WAIT = Duration.ofMillis(250);

    /** One provider request: the utterance in, its final transcript out. Blocking; runs on a virtual thread. */
    @FunctionalInterface
    public interface Transcriber {
        Transcript transcribe(Utterance utterance);
    }

    /** An utterance's audio and where it sits in the session. */
    public record Utterance(byte[] pcm, int sampleRate, Duration start, Duration end) {

        public byte[] wav() {
            return SttAudio.wav(pcm, sampleRate);
        }

        public boolean isEmpty() {
            return pcm.length == 0;
        }
    }

    private final String provider;
    private final SttListener listener;
    private final Transcriber transcriber;
    private final int sampleRate;
    private final long maxBytes;
    private final ExecutorService requests;
    private final Object lock = new Object();
    private ByteArrayOutputStream audio = new ByteArrayOutputStream();
    private long utteranceStartSamples;
    private long pushedSamples;
    private volatile boolean closed;

    public UtteranceSttSession(String provider, SttOptions options, SttListener listener, Transcriber transcriber, Duration maxUtterance) {
        this.provider = provider;
        this.listener = listener;
        this.transcriber = transcriber;
        this.sampleRate = options.sampleRate();
        this.maxBytes = maxUtterance.toMillis() * sampleRate / 1000 * 2;
        this.requests = Executors.newSingleThreadExecutor(Thread.ofVirtual().name(provider + "-stt").factory());
    }

    @Override
    public void push(AudioFrame frame) {
        if (frame.sampleRate() != sampleRate) {
            throw new IllegalArgumentException("frame at " + frame.sampleRate() + " Hz pushed to a " + sampleRate + " Hz session");
        }
        byte[] pcm = SttAudio.littleEndian(frame.samples());
        synchronized (lock) {
            if (closed) {
                return;
            }
            audio.writeBytes(pcm);
            pushedSamples += frame.samples().length;
            if (audio.size() > maxBytes) {
                keepLast(maxBytes);
            }
        }
    }

    @Override
    public void startOfSpeech() {
        synchronized (lock) {
            keepLast(LEAD_IN.toMillis() * sampleRate / 1000 * 2);
        }
    }

    @Override
    public void endOfSpeech() {
        Utterance utterance;
        synchronized (lock) {
            if (closed) {
                return;
            }
            utterance = new Utterance(audio.toByteArray(), sampleRate,
                    SttAudio.duration(utteranceStartSamples, sampleRate), SttAudio.duration(pushedSamples, sampleRate));
            audio = new ByteArrayOutputStream();
            utteranceStartSamples = pushedSamples;
        }
        requests.execute(() -> recognise(utterance));
    }

    @Override
    public void close() {
        closed = true;
        requests.shutdownNow();
    }

    private void recognise(Utterance utterance) {
        if (closed) {
            return;
        }
        if (utterance.isEmpty()) {
            deliver(new Transcript("", true, 0, utterance.start(), utterance.end()));
            return;
        }
        try {
            deliver(transcribeWithOneRetry(utterance));
        } catch (ProviderException e) {
            if (!closed) {
                closed = true;
                requests.shutdown();
                listener.onError(e);
            }
        } catch (RuntimeException e) {
            if (!closed) {
                closed = true;
                requests.shutdown();
                listener.onError(ProviderFailures.connection(provider, e));
            }
        }
    }

    private Transcript transcribeWithOneRetry(Utterance utterance) {
        try {
            return transcriber.transcribe(utterance);
        } catch (ProviderException first) {
            Duration wait = first.retryAfter().orElse(DEFAULT_RETRY_WAIT);
            if (!first.retryable() || wait.compareTo(RETRY_WAIT_LIMIT) > 0 || closed) {
                throw first;
            }
            LOG.debugf("%s: %s, trying again in %s", provider, first.getMessage(), wait);
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw first;
            }
            return transcriber.transcribe(utterance);
        }
    }

    private void deliver(Transcript transcript) {
        if (!closed) {
            listener.onTranscript(transcript);
        }
    }

    private void keepLast(long bytes) {
        byte[] all = audio.toByteArray();
        if (all.length <= bytes) {
            return;
        }
        int drop = (int) (all.length - bytes);
        drop -= drop % 2;
        audio = new ByteArrayOutputStream();
        audio.write(all, drop, all.length - drop);
        utteranceStartSamples += drop / 2;
    }
}
