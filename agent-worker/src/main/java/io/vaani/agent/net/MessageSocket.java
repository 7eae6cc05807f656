package io.vaani.agent.net;

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
 * A websocket over the JDK client that deals in whole messages: text and binary messages arrive
 * reassembled, one at a time and in order, on the client's executor; sends may come from any
 * thread and go out in call order (the JDK socket allows one send at a time). LiveKit's protobuf
 * endpoints and the providers' JSON streams all sit on it.
 */
public final class MessageSocket implements AutoCloseable {

    /** What the socket hands over. {@code onClosed} is called once: a close from the peer, a failure, or an abort. */
    public interface Listener {
        default void onText(String message) {
        }

        default void onBinary(byte[] message) {
        }

        void onClosed(int code, String reason, Throwable failure);
    }

    /** Close code for a connection that ended without a close frame. */
    public static final int ABNORMAL_CLOSURE = 1006;

    private final WebSocket socket;
    private final Receiver receiver;
    private final Object sending = new Object();
    private CompletableFuture<WebSocket> lastSend;

    private MessageSocket(WebSocket socket, Receiver receiver) {
        this.socket = socket;
        this.receiver = receiver;
        this.lastSend = CompletableFuture.completedFuture(socket);
    }

    /** Opens the socket; fails with the handshake's error (a {@code java.net.http.WebSocketHandshakeException} carries the HTTP response). */
    public static CompletableFuture<MessageSocket> open(HttpClient client, URI uri, Map<String, String> headers,
            Duration connectTimeout, Listener listener) {
        WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(connectTimeout);
        headers.forEach(builder::header);
        Receiver receiver = new Receiver(listener);
        return builder.buildAsync(uri, receiver).thenApply(ws -> new MessageSocket(ws, receiver));
    }

    /** Queues a text message; the stage completes when it was written, or fails if the socket is gone. */
    public CompletableFuture<WebSocket> sendText(String message) {
        synchronized (sending) {
            lastSend = lastSend.exceptionally(previous -> socket).thenCompose(ws -> ws.sendText(message, true));
            return lastSend;
        }
    }

    /** Queues a binary message (the bytes are not copied: don't change them afterwards). */
    public CompletableFuture<WebSocket> sendBinary(byte[] message) {
        ByteBuffer bytes = ByteBuffer.wrap(message);
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
        close(WebSocket.NORMAL_CLOSURE, "");
    }

    public void close(int code, String reason) {
        synchronized (sending) {
            lastSend = lastSend.exceptionally(previous -> socket)
                    .thenCompose(ws -> ws.isOutputClosed() ? CompletableFuture.completedFuture(ws) : ws.sendClose(code, reason));
        }
    }

    /** Drops the connection at once, as when the network goes. */
    public void abort() {
        socket.abort();
        receiver.closed(ABNORMAL_CLOSURE, "aborted", null);
    }

    private static final class Receiver implements WebSocket.Listener {
        private final Listener listener;
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
        private final StringBuilder text = new StringBuilder();
        private boolean closed;

        Receiver(Listener listener) {
            this.listener = listener;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            binary.writeBytes(chunk);
            if (last) {
                byte[] whole = binary.toByteArray();
                binary.reset();
                listener.onBinary(whole);
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String whole = text.toString();
                text.setLength(0);
                listener.onText(whole);
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            closed(statusCode, reason, null);
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            closed(ABNORMAL_CLOSURE, String.valueOf(error.getMessage()), error);
        }

        synchronized void closed(int code, String reason, Throwable failure) {
            if (!closed) {
                closed = true;
                listener.onClosed(code, reason, failure);
            }
        }
    }
}
