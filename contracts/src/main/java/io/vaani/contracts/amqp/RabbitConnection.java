package io.vaani.contracts.amqp;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.vaani.contracts.messages.Message;
import io.vaani.contracts.topology.Exchanges;
import io.vaani.contracts.topology.Topology;
import io.vaani.contracts.topology.WorkQueue;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * One service's connection to RabbitMQ. It connects in the background and keeps trying while the
 * broker is away, so a service starts (not ready) without it; once connected, the client's
 * automatic recovery restores the connection, its channels, queues and consumers after an outage.
 * On each (first) connection it declares the pipeline's topology and starts the subscriptions.
 */
public final class RabbitConnection implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RabbitConnection.class);
    /** Routing key under which per-replica queues dead-letter. */
    public static final String BROADCAST_DEAD_LETTERS = "broadcast";

    private final RabbitConfig config;
    private final String name;
    private final ConnectionFactory factory = new ConnectionFactory();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("rabbit-timer").factory());
    private final ExecutorService publishers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("rabbit-publish").factory());
    private final List<Subscription<?>> subscriptions = new ArrayList<>();
    private Connection connection;
    private ConfirmingPublisher publisher;
    private boolean closed;

    public RabbitConnection(RabbitConfig config, String name) {
        this.config = config;
        this.name = name;
        factory.setHost(config.host());
        factory.setPort(config.port());
        factory.setUsername(config.username());
        factory.setPassword(config.password());
        factory.setVirtualHost(config.virtualHost());
        factory.setAutomaticRecoveryEnabled(true);
        factory.setTopologyRecoveryEnabled(true);
        factory.setNetworkRecoveryInterval(config.reconnectInterval().toMillis());
        factory.setRequestedHeartbeat(10);
        factory.setConnectionTimeout(5_000);
    }

    /** Starts connecting in the background and returns at once. */
    public void start() {
        timer.execute(this::connect);
    }

    // Network I/O happens outside the lock, so publishers and health checks never wait on it.
    private void connect() {
        synchronized (this) {
            if (closed || connection != null) {
                return;
            }
        }
        Connection candidate = null;
        try {
            candidate = factory.newConnection(name);
            Topology.declare(candidate.createChannel()); // kept open: its declarations are recovered with it
            declareBroadcastDeadLetters(candidate.createChannel());
            ConfirmingPublisher confirming = new ConfirmingPublisher(candidate.createChannel(), config.confirmTimeout());
            synchronized (this) {
                if (closed) {
                    closeQuietly(candidate);
                    return;
                }
                for (Subscription<?> subscription : subscriptions) {
                    subscription.start(candidate, config.prefetch(), timer);
                }
                publisher = confirming;
                connection = candidate;
            }
            LOG.infof("connected to RabbitMQ at %s as %s", address(), name);
        } catch (IOException | TimeoutException | RuntimeException e) {
            LOG.warnf("RabbitMQ at %s not available (%s); retrying in %s", address(), e.getMessage(),
                    config.reconnectInterval());
            closeQuietly(candidate);
            if (!timer.isShutdown()) {
                timer.schedule(this::connect, config.reconnectInterval().toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    private static void declareBroadcastDeadLetters(Channel channel) throws IOException {
        String queue = Exchanges.DEAD_LETTERS + "." + BROADCAST_DEAD_LETTERS;
        channel.queueDeclare(queue, true, false, false, WorkQueue.deadLetterArguments());
        channel.queueBind(queue, Exchanges.DEAD_LETTERS, BROADCAST_DEAD_LETTERS);
    }

    /** Competing consumption: each message of {@code queue} goes to one replica of the service. */
    public <T extends Message> void subscribe(WorkQueue queue, Class<T> type, MessageHandler<T> handler) {
        add(new Subscription<>(channel -> queue.name(), queue.name(), type, handler));
    }

    /**
     * Every replica gets its own copy of the messages on {@code exchange} matching
     * {@code bindingKey}, in an exclusive queue that lives as long as the connection.
     */
    public <T extends Message> void subscribeEach(String exchange, String bindingKey, Class<T> type,
            MessageHandler<T> handler) {
        add(new Subscription<>(channel -> {
            String queue = channel.queueDeclare("", false, true, true, Map.of(
                    "x-dead-letter-exchange", Exchanges.DEAD_LETTERS,
                    "x-dead-letter-routing-key", BROADCAST_DEAD_LETTERS)).getQueue();
            channel.queueBind(queue, exchange, bindingKey);
            return queue;
        }, exchange + "/" + bindingKey, type, handler));
    }

    private synchronized void add(Subscription<?> subscription) {
        subscriptions.add(subscription);
        if (connection != null) {
            try {
                subscription.start(connection, config.prefetch(), timer);
            } catch (IOException e) {
                throw new IllegalStateException("could not subscribe to " + subscription.description(), e);
            }
        }
    }

    /** Publishes {@code message}; completes when the broker has confirmed it. */
    public CompletableFuture<Void> publish(Message message) {
        ConfirmingPublisher current;
        synchronized (this) {
            if (connection == null || !connection.isOpen()) {
                return CompletableFuture.failedFuture(new IOException("RabbitMQ at " + address() + " is not connected"));
            }
            if (!publisher.isOpen()) { // closed by a channel error; the connection is fine
                try {
                    publisher = new ConfirmingPublisher(connection.createChannel(), config.confirmTimeout());
                } catch (IOException e) {
                    return CompletableFuture.failedFuture(e);
                }
            }
            current = publisher;
        }
        return current.publish(message);
    }

    /**
     * Publishes {@code message} as {@link #publish} does, retrying through a short broker outage
     * ({@link #PUBLISH_ATTEMPTS} tries, backoff from 250 ms doubling to 5 s). Each try runs on a
     * virtual thread: the client writes to its socket synchronously, which a caller on an event
     * loop must never do.
     */
    public CompletableFuture<Void> publishRetrying(Message message) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        attempt(message, 1, done);
        return done;
    }

    /** Tries of {@link #publishRetrying} before it gives up: about half a minute. */
    public static final int PUBLISH_ATTEMPTS = 11;
    private static final Duration MAX_PUBLISH_BACKOFF = Duration.ofSeconds(5);

    private void attempt(Message message, int attempt, CompletableFuture<Void> done) {
        CompletableFuture.supplyAsync(() -> publish(message), publishers).thenCompose(confirmed -> confirmed)
                .whenComplete((ok, failure) -> {
                    if (failure == null) {
                        done.complete(null);
                    } else if (attempt >= PUBLISH_ATTEMPTS || timer.isShutdown()) {
                        done.completeExceptionally(failure);
                    } else {
                        long backoff = Math.min(DeliveryConsumer.backoff(attempt).toMillis(), MAX_PUBLISH_BACKOFF.toMillis());
                        timer.schedule(() -> attempt(message, attempt + 1, done), backoff, TimeUnit.MILLISECONDS);
                    }
                });
    }

    public synchronized boolean isOpen() {
        return connection != null && connection.isOpen();
    }

    public String address() {
        String vhost = config.virtualHost();
        return config.host() + ":" + config.port() + (vhost.startsWith("/") ? vhost : "/" + vhost);
    }

    @Override
    public synchronized void close() {
        closed = true;
        timer.shutdownNow();
        publishers.shutdown();
        closeQuietly(connection);
        connection = null;
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close(2_000);
            } catch (IOException | RuntimeException e) {
                LOG.debugf("closing RabbitMQ connection: %s", e.getMessage());
            }
        }
    }

    @FunctionalInterface
    private interface QueueDeclaration {
        String declare(Channel channel) throws IOException;
    }

    private record Subscription<T extends Message>(QueueDeclaration queue, String description, Class<T> type,
            MessageHandler<T> handler) {

        void start(Connection connection, int prefetch, ScheduledExecutorService timer) throws IOException {
            Channel channel = connection.createChannel();
            channel.basicQos(prefetch);
            String name = queue.declare(channel);
            channel.basicConsume(name, false, new DeliveryConsumer<>(channel, name, type, handler, timer));
        }
    }
}
