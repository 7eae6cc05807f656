package io.vaani.agent.provider.tts;

import io.vaani.agent.net.MessageSocket;
import io.vaani.agent.provider.ProviderException;
import io.vaani.agent.provider.ProviderFailures;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A TTS session's websocket to its provider, opened on first use and again after the provider
 * closed it (an idle timeout, a dropped network): messages sent while it connects wait and go out
 * first, in order. Events of a connection that was replaced are not passed on.
 */
public final class ProviderSocket {
    /** What the session hears from the provider. */
    public interface Events {
        void onMessage(String text);

        /** The connection could not be opened, or it closed; {@code error} says how, for answers still open. */
        void onLost(ProviderException error);
    }

    private final HttpClient client;
    private final URI uri;
    private final Map<String, String> headers;
    private final Duration connectTimeout;
    private final String provider;
    private final Events events;
    private final Object lock = new Object();
    private Connection current;

    public ProviderSocket(HttpClient client, URI uri, Map<String, String> headers, Duration connectTimeout, String provider, Events events) {
        this.client = client;
        this.uri = uri;
        this.headers = headers;
        this.connectTimeout = connectTimeout;
        this.provider = provider;
        this.events = events;
    }

    /** Opens the connection ahead of the first message, so the first sentence does not wait for the handshake. */
    public void connect() {
        synchronized (lock) {
            if (current == null) {
                current = open();
            }
        }
    }

    /** Sends a message, connecting first if there is no connection. */
    public void send(String message) {
        synchronized (lock) {
            if (current == null) {
                current = open();
            }
            if (current.socket == null) {
                current.pending.add(message);
            } else {
                current.socket.sendText(message);
            }
        }
    }

    /** Sends {@code goodbye} (if any) and closes normally; a later {@link #send} opens a new connection. */
    public void close(String goodbye) {
        Connection closing;
        synchronized (lock) {
            closing = current;
            current = null;
            if (closing == null) {
                return;
            }
            closing.abandoned = true;
            if (closing.socket == null) {
                return; // aborted once the handshake completes
            }
            if (goodbye != null) {
                closing.socket.sendText(goodbye);
            }
        }
        closing.socket.close();
    }

    private Connection open() {
        Connection connection = new Connection();
        MessageSocket.open(client, uri, headers, connectTimeout, connection).whenComplete((socket, failure) -> {
            boolean lost = false;
            synchronized (lock) {
                if (failure != null) {
                    lost = current == connection;
                    if (lost) {
                        current = null;
                    }
                } else if (connection.abandoned) {
                    socket.abort();
                } else {
                    connection.socket = socket;
                    connection.pending.forEach(socket::sendText);
                    connection.pending.clear();
                }
            }
            if (lost) {
                events.onLost(ProviderFailures.handshake(provider, failure));
            }
        });
        return connection;
    }

    private final class Connection implements MessageSocket.Listener {
        MessageSocket socket;
        final List<String> pending = new ArrayList<>();
        boolean abandoned;

        @Override
        public void onText(String message) {
            synchronized (lock) {
                if (current != this) {
                    return;
                }
            }
            events.onMessage(message);
        }

        @Override
        public void onClosed(int code, String reason, Throwable failure) {
            synchronized (lock) {
                if (current != this) {
                    return;
                }
                current = null;
            }
            events.onLost(failure != null && code == MessageSocket.ABNORMAL_CLOSURE
                    ? ProviderFailures.connection(provider, failure)
                    : ProviderFailures.closed(provider, code, reason));
        }
    }
}
