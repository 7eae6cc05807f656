package io.vaani.agent.livekit;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.vaani.agent.net.MessageSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A websocket carrying one binary protobuf message per websocket message, as LiveKit's {@code /agent}
 * and {@code /rtc} endpoints do: a {@link MessageSocket} whose binary messages are parsed with the
 * protocol's parser. A message that does not parse ends the session (close code 1007).
 */
public final class ProtobufSocket<I extends Message> implements AutoCloseable {

    /** What the socket hands over. {@code onClosed} is called once: a close from the peer, a failure, or our own close. */
    public interface Listener<I> {
        void onMessage(I message);

        void onClosed(int code, String reason, Throwable failure);
    }

    private final MessageSocket socket;

    private ProtobufSocket(MessageSocket socket) {
        this.socket = socket;
    }

    public static <I extends Message> CompletableFuture<ProtobufSocket<I>> open(HttpClient client, URI uri,
            Map<String, String> headers, Duration connectTimeout, Parser<I> parser, Listener<I> listener) {
        CompletableFuture<MessageSocket> opened = new CompletableFuture<>();
        MessageSocket.Listener decoder = new MessageSocket.Listener() {
            @Override
            public void onBinary(byte[] message) {
                I parsed;
                try {
                    parsed = parser.parseFrom(message);
                } catch (InvalidProtocolBufferException e) {
                    // Not a message of the protocol: the peer speaks something else, so the session cannot go on.
                    opened.thenAccept(socket -> {
                        socket.close(1007, "invalid protobuf message");
                        socket.abort();
                    });
                    return;
                }
                listener.onMessage(parsed);
            }

            @Override
            public void onClosed(int code, String reason, Throwable failure) {
                listener.onClosed(code, reason, failure);
            }
        };
        MessageSocket.open(client, uri, headers, connectTimeout, decoder).whenComplete((socket, failure) -> {
            if (failure == null) {
                opened.complete(socket);
            } else {
                opened.completeExceptionally(failure);
            }
        });
        return opened.thenApply(ProtobufSocket::new);
    }

    /** Queues the message; the returned stage completes when it was written, or fails if the socket is gone. */
    public CompletableFuture<WebSocket> send(Message message) {
        return socket.sendBinary(message.toByteArray());
    }

    public boolean isOpen() {
        return socket.isOpen();
    }

    /** Closes normally after the queued messages; the peer's close completes it. */
    @Override
    public void close() {
        socket.close();
    }

    /** Drops the connection at once, as when the network goes. */
    public void abort() {
        socket.abort();
    }
}
