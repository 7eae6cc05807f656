package io.vaani.agent.provider.stt;

import io.vaani.agent.audio.AudioFrame;
import io.vaani.agent.net.MessageSocket;
import io.vaani.agent.provider.ProviderException;
import io.vaani.agent.provider.ProviderFailures;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * What the websocket STT providers (Deepgram, Cartesia, Sarvam) share: the connection opens in
 * the background while audio pushed meanwhile waits in a bounded buffer; a connection that drops
 * without a close frame (network loss, 1001 going away, 1012 restart) is reopened once,
 * transparently, the audio of the gap buffered and sent first, and timestamps continue from
 * where the new connection's audio starts in the session; a second drop, a refused handshake or
 * an error close ends the session with {@link SttListener#onError}. Words in flight on the
 * dropped connection that had no final result yet are lost. {@link #close()} asks the provider to
 * end the stream and waits up to {@link StreamTiming#closeGrace()} for its last results; after it
 * returns no event reaches the listener.
 *
 * <p>Subclasses speak the provider's messages; events come from the socket's thread, in order.
 */
public abstract class StreamingSttSession implements SttSession {
    private static final Logger LOG = Logger.getLogger(StreamingSttSession.class);
    /**
     * Audio goes out in 50 ms messages, as LiveKit's provider plugins send it, not in the 10 ms frames
     * it arrives in: each websocket message takes a masking key from the JDK's process-wide
     * SecureRandom, and at 100 messages a second per call that lock is what many calls wait on.
     */
    static final Duration CHUNK = Duration.ofMillis(50);
    private static final ScheduledExecutorService KEEP_ALIVE = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("stt-keep-alive").daemon().factory());

    protected final String provider;
    protected final SttOptions options;
    private final SttListener listener;
    private final HttpClient http;
    private final Duration connectTimeout;
    private final StreamTiming timing;

    private final Object lock = new Object();
    private final ArrayDeque<Outgoing> pending = new ArrayDeque<>();
    private final short[] chunk;
    private int chunkFill;
    private final CountDownLatch ended = new CountDownLatch(1);
    private State state = State.CONNECTING;
    private Connection current;
    private long pendingSamples;
    private long pushedSamples;
    private long connectionStartSamples;
    private boolean reconnected;
    private long lastAudioSent = System.nanoTime();
    private ScheduledFuture<?> keepAlive;
    private volatile boolean silenced;

    private enum State { CONNECTING, OPEN, RECONNECTING, CLOSING, ENDED }

    private sealed interface Outgoing {
        record Audio(byte[] pcm, int samples) implements Outgoing {
        }

        record Finalize() implements Outgoing {
        }
    }

    protected StreamingSttSession(String provider, SttOptions options, SttListener listener, HttpClient http,
            Duration connectTimeout, StreamTiming timing) {
        this.provider = provider;
        this.options = options;
        this.listener = listener;
        this.http = http;
        this.connectTimeout = connectTimeout;
        this.timing = timing;
        this.chunk = new short[(int) (options.sampleRate() * CHUNK.toMillis() / 1000)];
    }

    /** The provider's stream URL for this session's options. */
    protected abstract URI uri();

    /** Handshake headers (authentication, API version). */
    protected abstract Map<String, String> headers();

    protected abstract void sendAudio(MessageSocket socket, byte[] pcm);

    /** Asks the provider to finish the utterance now (Deepgram's Finalize, Cartesia's finalize, Sarvam's flush). */
    protected abstract void sendFinalize(MessageSocket socket);

    /** Asks the provider to end the stream after its last results. */
    protected abstract void sendCloseRequest(MessageSocket socket);

    /** A text message from the provider. */
    protected abstract void onMessage(String text);

    /** A (new) connection opened: per-connection state starts over. */
    protected void connected() {
    }

    /** The provider's keep-alive, when it has one; sent after {@link StreamTiming#keepAlive()} without audio. */
    protected void sendKeepAlive(MessageSocket socket) {
    }

    protected boolean hasKeepAlive() {
        return false;
    }

    /** The error for a close frame the provider sent unasked; providers with documented codes refine it. */
    protected ProviderException closeError(int code, String reason) {
        return ProviderFailures.closed(provider, code, reason);
    }

    /** Opens the connection in the background; audio may be pushed at once. */
    public final StreamingSttSession start() {
        connect();
        if (hasKeepAlive()) {
            long period = Math.max(50, timing.keepAlive().toMillis() / 2);
            keepAlive = KEEP_ALIVE.scheduleAtFixedRate(this::keepAliveTick, period, period, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    @Override
    public final void push(AudioFrame frame) {
        if (frame.sampleRate() != options.sampleRate()) {
            throw new IllegalArgumentException("frame at " + frame.sampleRate() + " Hz pushed to a " + options.sampleRate() + " Hz session");
        }
        short[] samples = frame.samples();
        synchronized (lock) {
            if (state == State.CLOSING || state == State.ENDED) {
                return;
            }
            pushedSamples += samples.length;
            for (int offset = 0; offset < samples.length;) {
                int copied = Math.min(samples.length - offset, chunk.length - chunkFill);
                System.arraycopy(samples, offset, chunk, chunkFill, copied);
                chunkFill += copied;
                offset += copied;
                if (chunkFill == chunk.length) {
                    sendChunk();
                }
            }
        }
    }

    @Override
    public final void endOfSpeech() {
        synchronized (lock) {
            sendChunk();
            switch (state) {
                case OPEN -> sendFinalize(current.socket);
                case CONNECTING, RECONNECTING -> pending.add(new Outgoing.Finalize());
                case CLOSING, ENDED -> {
                }
            }
        }
    }

    @Override
    public final void close() {
        MessageSocket socket = null;
        synchronized (lock) {
            cancelKeepAlive();
            switch (state) {
                case OPEN -> {
                    sendChunk();
                    state = State.CLOSING;
                    socket = current.socket;
                    sendCloseRequest(socket);
                }
                case CONNECTING, RECONNECTING -> end();
                case CLOSING, ENDED -> {
                }
            }
        }
        if (socket != null) {
            try {
                if (!ended.await(timing.closeGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.debugf("%s: no end of stream within %s, dropping the connection", provider, timing.closeGrace());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (lock) {
                end();
            }
            // Polite close; the abort only frees a socket whose peer never answers it.
            socket.close();
            MessageSocket closing = socket;
            KEEP_ALIVE.schedule(closing::abort, 1, TimeUnit.SECONDS);
        }
        silenced = true;
    }

    /** Offset in the session's audio where the current connection's audio begins: add it to the provider's timestamps. */
    protected final Duration connectionStart() {
        synchronized (lock) {
            return SttAudio.duration(connectionStartSamples, options.sampleRate());
        }
    }

    /** Audio pushed so far, for providers that report no timestamps of their own. */
    protected final Duration pushedAudio() {
        synchronized (lock) {
            return SttAudio.duration(pushedSamples, options.sampleRate());
        }
    }

    protected final boolean closing() {
        synchronized (lock) {
            return state == State.CLOSING || state == State.ENDED;
        }
    }

    /** The provider acknowledged the end of the stream (e.g. Cartesia's done): {@link #close()} need not wait for the close frame. */
    protected final void streamEnded() {
        synchronized (lock) {
            if (state == State.CLOSING) {
                end();
            }
        }
    }

    protected final void emit(Transcript transcript) {
        if (!silenced) {
            listener.onTranscript(transcript);
        }
    }

    protected final void speechStarted(Duration at) {
        if (!silenced) {
            listener.onSpeechStarted(at);
        }
    }

    protected final void utteranceEnded(Duration lastWordEnd) {
        if (!silenced) {
            listener.onUtteranceEnd(lastWordEnd);
        }
    }

    /** Ends the session with an error the provider reported in a message. */
    protected final void fail(ProviderException error) {
        MessageSocket socket;
        synchronized (lock) {
            if (state == State.ENDED) {
                return;
            }
            end();
            socket = current == null ? null : current.socket;
        }
        if (socket != null) {
            socket.abort();
        }
        if (!silenced) {
            silenced = true;
            listener.onError(error);
        }
    }

    private void connect() {
        Connection connection = new Connection();
        synchronized (lock) {
            current = connection;
        }
        MessageSocket.open(http, uri(), headers(), connectTimeout, connection)
                .whenComplete((socket, failure) -> opened(connection, socket, failure));
    }

    private void opened(Connection connection, MessageSocket socket, Throwable failure) {
        if (failure != null) {
            synchronized (lock) {
                if (state == State.ENDED || connection != current) {
                    return;
                }
            }
            fail(ProviderFailures.handshake(provider, failure));
            return;
        }
        synchronized (lock) {
            connection.socket = socket;
            if (state != State.CONNECTING && state != State.RECONNECTING || connection != current) {
                socket.abort();
                return;
            }
            state = State.OPEN;
            connected();
            for (Outgoing outgoing : pending) {
                switch (outgoing) {
                    case Outgoing.Audio audio -> sendAudio(socket, audio.pcm());
                    case Outgoing.Finalize finalize -> sendFinalize(socket);
                }
            }
            pending.clear();
            pendingSamples = 0;
            lastAudioSent = System.nanoTime();
        }
    }

    private void closed(Connection connection, int code, String reason, Throwable failure) {
        boolean dropped = failure != null || code == MessageSocket.ABNORMAL_CLOSURE || code == 1001 || code == 1012;
        synchronized (lock) {
            if (connection != current || state == State.ENDED) {
                return;
            }
            if (state == State.CLOSING) {
                end();
                return;
            }
            if (dropped && !reconnected) {
                LOG.warnf("%s: stream dropped (%d %s), reconnecting once", provider, code, reason);
                reconnected = true;
                state = State.RECONNECTING;
                connectionStartSamples = pushedSamples - chunkFill;
                connect();
                return;
            }
        }
        fail(dropped ? new ProviderException(provider, code, true, null, "stream dropped again (" + code + " " + reason + ")", failure)
                : closeError(code, reason));
    }

    private void trimPending() {
        long max = timing.gapBuffer().toMillis() * options.sampleRate() / 1000;
        while (pendingSamples > max && !pending.isEmpty()) {
            if (pending.removeFirst() instanceof Outgoing.Audio dropped) {
                pendingSamples -= dropped.samples();
                connectionStartSamples += dropped.samples();
            }
        }
    }

    /** Sends (or, while connecting, keeps) the audio gathered so far; under the lock. */
    private void sendChunk() {
        if (chunkFill == 0) {
            return;
        }
        byte[] pcm = SttAudio.littleEndian(chunk, chunkFill);
        int samples = chunkFill;
        chunkFill = 0;
        switch (state) {
            case OPEN -> {
                lastAudioSent = System.nanoTime();
                sendAudio(current.socket, pcm);
            }
            case CONNECTING, RECONNECTING -> {
                pending.add(new Outgoing.Audio(pcm, samples));
                pendingSamples += samples;
                trimPending();
            }
            case CLOSING, ENDED -> {
            }
        }
    }

    private void keepAliveTick() {
        synchronized (lock) {
            if (state == State.OPEN && System.nanoTime() - lastAudioSent >= timing.keepAlive().toNanos()) {
                sendKeepAlive(current.socket);
                lastAudioSent = System.nanoTime();
            }
        }
    }

    private void end() {
        state = State.ENDED;
        cancelKeepAlive();
        pending.clear();
        ended.countDown();
    }

    private void cancelKeepAlive() {
        if (keepAlive != null) {
            keepAlive.cancel(false);
        }
    }

    /** One websocket of the session: its events count only while it is the current one. */
    private final class Connection implements MessageSocket.Listener {
        volatile MessageSocket socket;

        @Override
        public void onText(String message) {
            synchronized (lock) {
                if (this != current || state == State.ENDED) {
                    return;
                }
            }
            try {
                onMessage(message);
            } catch (RuntimeException e) {
                LOG.warnf(e, "%s: unreadable message ignored", provider);
            }
        }

        @Override
        public void onClosed(int code, String reason, Throwable failure) {
            closed(this, code, reason, failure);
        }
    }
}
