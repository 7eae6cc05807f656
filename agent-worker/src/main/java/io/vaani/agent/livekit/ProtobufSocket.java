package io.vaani.agent.livekit;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A websocket carrying one binary protobuf message per websocket message, as LiveKit's {@code /agent}
 * and {@code /rtc} endpoints do. Messages arrive one at a time, in order, on the client's executor;
 * sends may come from any thread and go out in call order (the JDK socket allows one send at a time).
 */
public final class ProtobufSocket<I extends Message> implements AutoCloseable {

    /** What the socket hands over. {@code onClosed} is called once: a close from the peer, a failure, or our own close. */
    public interface Listener<I> {
        void onMessage(I message);

        void onClosed(int code, String reason, Throwable failure);
    }

    private final WebSocket socket;
    private final Object sending = new Object();
    private CompletableFuture<WebSocket> lastSend;

    private ProtobufSocket(WebSocket socket) {
        this.socket = socket;
        this.lastSend = CompletableFuture.completedFuture(socket);
    }

    public static <I extends Message> CompletableFuture<ProtobufSocket<I>> open(HttpClient client, URI uri,
            Map<String, String> headers, Duration connectTimeout, Parser<I> parser, Listener<I> listener) {
        WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(connectTimeout);
        headers.forEach(builder::header);
        return builder.buildAsync(uri, new Receiver<>(parser, listener)).thenApply(ProtobufSocket::new);
    }

    /** Queues the message; the returned stage completes when it was written, or fails if the socket is gone. */
    public CompletableFuture<WebSocket> send(Message message) {
        ByteBuffer bytes = ByteBuffer.wrap(message.toByteArray());
        synchronized (sending) {
            lastSend = lastSend.exceptionally(previous -> socket).thenCompose(ws -> ws.sendBinary(bytes, true));
            return lastSend;
        }
    }

    public boolean isOpen() {
        return !socket.isOutputClosed() && !socket.isInputClosed();
    }

    /** Closes normally after the queued messages; the peer's close completes it. */
    @Override
    public void close() {
        synchronized (sending) {
            lastSend = lastSend.exceptionally(previous -> socket)
                    .thenCompose(ws -> ws.isOutputClosed() ? CompletableFuture.completedFuture(ws)
                            : ws.sendClose(WebSocket.NORMAL_CLOSURE, ""));
        }
    }

    /** Drops the connection at once, as when the network goes. */
    public void abort() {
        socket.abort();
    }

    private static final class Receiver<I extends Message> implements WebSocket.Listener {
        private final Parser<I> parser;
        private final Listener<I> listener;
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
        private boolean closed;

        Receiver(Parser<I> parser, Listener<I> listener) {
            this.parser = parser;
            this.listener = listener;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            partial.writeBytes(chunk);
            if (last) {
                byte[] whole = partial.toByteArray();
                partial.reset();
                try {
                    listener.onMessage(parser.parseFrom(whole));
                } catch (InvalidProtocolBufferException e) {
                    // Not a message of the protocol: the peer speaks something else, so the session cannot go on.
                    socket.sendClose(1007, "invalid protobuf message");
                    closed(1007, "invalid protobuf message", e);
                    socket.abort();
                    return null;
                }
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            socket.request(1); // LiveKit sends binary only; a text frame carries nothing we read
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            closed(statusCode, reason, null);
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            closed(1006, String.valueOf(error.getMessage()), error);
        }

        private synchronized void closed(int code, String reason, Throwable failure) {
            if (!closed) {
                closed = true;
                listener.onClosed(code, reason, failure);
            }
        }
    }
}
