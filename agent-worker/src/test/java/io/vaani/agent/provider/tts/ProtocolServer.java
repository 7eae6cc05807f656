package io.vaani.agent.provider.tts;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jboss.logging.Logger;

/**
 * What the providers' local protocol servers share: a Vert.x server on a free port, the texts they
 * were asked to speak, the audio they sent back, and the failures queued for the next requests.
 */
public abstract class ProtocolServer implements AutoCloseable {

    /** A failure the next request meets instead of (or in the middle of) speech. */
    public sealed interface Fault {
    }

    /** An HTTP status (also the websocket handshake's answer) with the provider's error body and an optional Retry-After. */
    public record Refusal(int status, String body, String retryAfter) implements Fault {
    }

    /** Some audio, then the TCP connection closes without a proper end. */
    public record Drop() implements Fault {
    }

    /** A websocket provider's error message on the socket, then a close with this code (0: stay open). */
    public record ErrorMessage(int closeCode) implements Fault {
    }

    protected final Vertx vertx = Vertx.vertx();
    protected final String apiKey;
    private final List<String> texts = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> sentSamples = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Fault> faults = new ConcurrentLinkedQueue<>();
    private volatile long chunkDelayMillis;
    private HttpServer server;

    protected ProtocolServer(String apiKey) {
        this.apiKey = apiKey;
    }

    protected final void listen(HttpServer configured) {
        try {
            server = configured.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("protocol server did not start", e);
        }
    }

    protected HttpServerOptions options() {
        return new HttpServerOptions().setMaxWebSocketMessageSize(16 * 1024 * 1024).setMaxWebSocketFrameSize(1024 * 1024);
    }

    public int port() {
        return server.actualPort();
    }

    public String httpUrl() {
        return "http://127.0.0.1:" + port();
    }

    public String websocketUrl() {
        return "ws://127.0.0.1:" + port();
    }

    public String apiKey() {
        return apiKey;
    }

    /** Texts asked for, in the order they arrived. */
    public List<String> texts() {
        return List.copyOf(texts);
    }

    /** Samples sent for a text, at the rate the client asked for. */
    public int sentSamples(String text) {
        return sentSamples.getOrDefault(text, 0);
    }

    public int totalSentSamples() {
        return sentSamples.values().stream().mapToInt(Integer::intValue).sum();
    }

    public void failNext(Fault fault) {
        faults.add(fault);
    }

    /** Pause between audio chunks, so that a test can interrupt speech that is still streaming. */
    public void chunkDelay(long millis) {
        this.chunkDelayMillis = millis;
    }

    protected Fault nextFault() {
        return faults.poll();
    }

    protected void recordText(String text) {
        texts.add(text);
    }

    protected void recordSent(String text, int samples) {
        sentSamples.merge(text, samples, Integer::sum);
    }

    /** The provider's own time between chunks, spent on the provider's thread (the test never waits on it). */
    protected void pause() {
        if (chunkDelayMillis > 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(chunkDelayMillis));
        }
    }

    /**
     * Closes the connection under a request in the middle of its answer: an HTTP body cut short, or a
     * websocket gone while audio was still due (Vert.x may still say goodbye on the socket first).
     */
    public static void dropConnection(HttpServerRequest request) {
        request.connection().close();
    }

    /**
     * Runs a server job on a virtual thread. A job cut short because its connection went away ends
     * quietly: an exception thrown on a server thread would fail the test waiting with Awaitility.
     */
    protected static Runnable quietly(Runnable job) {
        return () -> {
            try {
                job.run();
            } catch (RuntimeException e) {
                if (!(e.getCause() instanceof InterruptedException) && !Thread.currentThread().isInterrupted()) {
                    Logger.getLogger(ProtocolServer.class).warn("protocol server job failed", e);
                }
            }
        };
    }

    /** Speech as {@link EspeakAudio} renders it, in chunks of {@code chunkSamples}. */
    protected static List<short[]> chunks(short[] samples, int chunkSamples) {
        List<short[]> chunks = new ArrayList<>();
        for (int at = 0; at < samples.length; at += chunkSamples) {
            chunks.add(Arrays.copyOfRange(samples, at, Math.min(samples.length, at + chunkSamples)));
        }
        return chunks;
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
