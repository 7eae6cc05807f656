package io.vaani.contracts.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.vaani.contracts.messages.Message;
import io.vaani.contracts.messages.MessageJson;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Decodes each delivery, hands it to a {@link MessageHandler} and settles it when the handler's
 * work completes: ack on success, reject (to the dead-letter queue) on a poison message, requeue
 * after a backoff on any other failure. The quorum queue's delivery limit dead-letters a message
 * that fails on every attempt.
 */
final class DeliveryConsumer<T extends Message> extends DefaultConsumer {
    private static final Logger LOG = Logger.getLogger(DeliveryConsumer.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final String queue;
    private final Class<T> type;
    private final MessageHandler<T> handler;
    private final ScheduledExecutorService timer;

    DeliveryConsumer(Channel channel, String queue, Class<T> type, MessageHandler<T> handler,
            ScheduledExecutorService timer) {
        super(channel);
        this.queue = queue;
        this.type = type;
        this.handler = handler;
        this.timer = timer;
    }

    @Override
    public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
        long tag = envelope.getDeliveryTag();
        T message;
        try {
            message = MessageJson.read(body, type);
        } catch (IOException | RuntimeException e) {
            LOG.errorf("%s: undecodable %s (message id %s) dead-lettered: %s", queue, type.getSimpleName(),
                    properties.getMessageId(), e.getMessage());
            settle(tag, Settlement.REJECT);
            return;
        }
        CompletionStage<?> work;
        try {
            work = handler.handle(message);
        } catch (RuntimeException e) {
            work = CompletableFuture.failedFuture(e);
        }
        work.whenComplete((ignored, failure) -> {
            if (failure == null) {
                settle(tag, Settlement.ACK);
                return;
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (cause instanceof PoisonMessageException) {
                LOG.errorf("%s: message %s dead-lettered: %s", queue, message.messageId(), cause.getMessage());
                settle(tag, Settlement.REJECT);
            } else {
                long attempt = deliveryCount(properties) + 1;
                Duration backoff = backoff(attempt);
                LOG.warnf(cause, "%s: message %s failed (attempt %d), redelivering in %d ms", queue,
                        message.messageId(), attempt, backoff.toMillis());
                timer.schedule(() -> settle(tag, Settlement.REQUEUE), backoff.toMillis(), TimeUnit.MILLISECONDS);
            }
        });
    }

    /** Exponential from 250 ms, capped, so a failing dependency is not hammered. */
    static Duration backoff(long attempt) {
        long millis = 250L << Math.min(attempt - 1, 10);
        return millis > MAX_BACKOFF.toMillis() ? MAX_BACKOFF : Duration.ofMillis(millis);
    }

    private static long deliveryCount(AMQP.BasicProperties properties) {
        Object count = properties.getHeaders() == null ? null : properties.getHeaders().get("x-delivery-count");
        return count instanceof Number n ? n.longValue() : 0;
    }

    private enum Settlement {
        ACK, REJECT, REQUEUE
    }

    private void settle(long tag, Settlement settlement) {
        Channel channel = getChannel();
        // Channels are not meant to be shared by threads; handlers complete on any thread.
        synchronized (channel) {
            try {
                switch (settlement) {
                    case ACK -> channel.basicAck(tag, false);
                    case REJECT -> channel.basicReject(tag, false);
                    case REQUEUE -> channel.basicNack(tag, false, true);
                }
            } catch (IOException | RuntimeException e) {
                // The channel closed: the broker redelivers the message, handled idempotently.
                LOG.warnf("%s: could not %s delivery %d: %s", queue, settlement, tag, e.getMessage());
            }
        }
    }
}
