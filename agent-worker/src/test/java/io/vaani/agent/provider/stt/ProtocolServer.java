package io.vaani.agent.provider.stt;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.impl.ConnectionBase;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiConsumer;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the providers' local protocol servers share: a Vert.x server on a free port whose requests
 * are checked (auth, parameters) before a websocket is accepted, refusals and faults the test
 * arranges, and a record of what clients sent. A provider's server says how it checks requests and
 * speaks on an accepted stream; what it "hears" comes from {@link #script()} through
 * {@link HeardSpeech}.
 *
 * <p>Faults: {@link #refuseNextHandshake} answers the next request with an HTTP error instead;
 * {@link #closeAfterAudio} closes the stream that passes that much received audio with a close
 * frame; {@link #dropAfterAudio} cuts its TCP connection without one. Each fault fires once.
 */
public abstract class ProtocolServer implements AutoCloseable {
    private final Vertx vertx = Vertx.vertx();
    private final TranscriptScript script = new TranscriptScript();
    private final ConcurrentLinkedQueue<Refusal> refusals = new ConcurrentLinkedQueue<>();
    private final AtomicReference<Fault> fault = new AtomicReference<>();
    private final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
    private final List<String> texts = new CopyOnWriteArrayList<>();
    private final List<Integer> audioMessages = new CopyOnWriteArrayList<>();
    private final AtomicInteger streams = new AtomicInteger();
    private HttpServer server;
    protected volatile double silenceSeconds = 0.5;
    protected volatile double interimEverySeconds = 0.3;

    /** An HTTP answer instead of the upgrade (or the REST response). */
    public record Refusal(int status, Map<String, String> headers, String body) {
    }

    private record Fault(double afterSeconds, int closeCode, String reason) {
        boolean drop() {
            return closeCode == 0;
        }
    }

    protected final void listen() throws Exception {
        server = vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Checks a request; a refusal (401, 400, ...) is answered as the provider would, null lets it through. */
    protected abstract Refusal check(HttpServerRequest request);

    /** A websocket the checks let through. */
    protected abstract void accepted(Stream stream);

    /** A plain HTTP request the checks let through (REST endpoints); 404 unless a server has one. */
    protected void http(HttpServerRequest request) {
        request.response().setStatusCode(404).end();
    }

    /** A file of a multipart form. */
    public record Upload(String filename, String contentType, byte[] content) {
    }

    /** Reads a multipart/form-data body: its text fields and its files by field name. */
    protected static void readForm(HttpServerRequest request, BiConsumer<MultiMap, Map<String, Upload>> done) {
        Map<String, Upload> files = new ConcurrentHashMap<>();
        request.setExpectMultipart(true);
        request.uploadHandler(upload -> {
            Buffer content = Buffer.buffer();
            upload.handler(content::appendBuffer);
            upload.endHandler(end -> files.put(upload.name(), new Upload(upload.filename(), upload.contentType(), content.getBytes())));
        });
        request.endHandler(end -> done.accept(request.formAttributes(), files));
    }

    protected final Vertx vertx() {
        return vertx;
    }

    public TranscriptScript script() {
        return script;
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

    /** Quiet after speech that ends an utterance, and how often partials come (both in received audio). */
    public void hearing(double silenceSeconds, double interimEverySeconds) {
        this.silenceSeconds = silenceSeconds;
        this.interimEverySeconds = interimEverySeconds;
    }

    public void refuseNextHandshake(int status, Map<String, String> headers, String body) {
        refusals.add(new Refusal(status, headers, body));
    }

    public void closeAfterAudio(double seconds, int code, String reason) {
        fault.set(new Fault(seconds, code, reason));
    }

    public void dropAfterAudio(double seconds) {
        fault.set(new Fault(seconds, 0, ""));
    }

    /** Query parameters (and the path as {@code :path}) of every request, in order. */
    public List<Map<String, String>> requests() {
        return requests;
    }

    /** Text messages clients sent on streams, in order. */
    public List<String> texts() {
        return texts;
    }

    /** The size in bytes of each audio message received, in order. */
    public List<Integer> audioMessages() {
        return audioMessages;
    }

    /** Websockets accepted so far. */
    public int streams() {
        return streams.get();
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private void handle(HttpServerRequest request) {
        Map<String, String> seen = new HashMap<>();
        request.params().forEach(seen::put);
        seen.put(":path", request.path());
        requests.add(seen);
        Refusal refusal = refusals.poll();
        if (refusal == null) {
            refusal = check(request);
        }
        if (refusal != null) {
            var response = request.response().setStatusCode(refusal.status());
            refusal.headers().forEach(response::putHeader);
            response.putHeader("Content-Type", "application/json").end(refusal.body());
            return;
        }
        if (!"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            http(request);
            return;
        }
        HttpConnection connection = request.connection();
        request.toWebSocket().onSuccess(ws -> {
            streams.incrementAndGet();
            accepted(new Stream(ws, connection, seen));
        });
    }

    /** One accepted websocket: what it has heard so far and the means to answer. */
    public final class Stream {
        public final ServerWebSocket socket;
        public final Map<String, String> params;
        private final HttpConnection connection;
        private HeardSpeech heard;

        Stream(ServerWebSocket socket, HttpConnection connection, Map<String, String> params) {
            this.socket = socket;
            this.connection = connection;
            this.params = params;
        }

        /** Starts hearing at this sample rate; call before the first audio. */
        public void hear(int sampleRate) {
            heard = new HeardSpeech(sampleRate, script, silenceSeconds, interimEverySeconds);
        }

        public HeardSpeech heard() {
            return heard;
        }

        /** Received audio: what was heard in it, or nothing if a fault fired and the stream is gone. */
        public List<HeardSpeech.Heard> audio(byte[] pcm) {
            audioMessages.add(pcm.length);
            List<HeardSpeech.Heard> result = heard.audio(pcm);
            Fault due = fault.get();
            if (due != null && heard.received() >= due.afterSeconds() && fault.compareAndSet(due, null)) {
                if (due.drop()) {
                    drop();
                } else {
                    socket.close((short) due.closeCode(), due.reason());
                }
                return List.of();
            }
            return result;
        }

        public void text(String message) {
            texts.add(message);
        }

        public void send(JsonObject message) {
            if (!socket.isClosed()) {
                socket.writeTextMessage(message.encode());
            }
        }

        public void close(int code, String reason) {
            if (!socket.isClosed()) {
                socket.close((short) code, reason);
            }
        }

        /** Cuts the TCP connection without a close frame, as a network failure does. */
        public void drop() {
            // Past the pipeline: a plain close would let Vert.x send a close frame first.
            var channel = ((ConnectionBase) connection).channel();
            channel.config().setOption(io.netty.channel.ChannelOption.SO_LINGER, 0);
            channel.eventLoop().execute(() -> channel.unsafe().closeForcibly());
        }
    }
}
