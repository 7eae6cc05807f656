package io.vaani.contracts.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.MessageProperties;
import io.vaani.contracts.messages.Message;
import io.vaani.contracts.messages.MessageJson;
import java.io.IOException;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;

/**
 * Publishes persistent, mandatory messages on one channel in confirm mode. Each publish completes
 * when the broker confirms it, and fails when the broker nacks it, cannot route it, does not
 * confirm in time, or the channel closes first.
 */
final class ConfirmingPublisher {
    private final Channel channel;
    private final Duration confirmTimeout;
    private final ConcurrentNavigableMap<Long, Pending> pending = new ConcurrentSkipListMap<>();

    private record Pending(String messageId, CompletableFuture<Void> confirmed) {
    }

    ConfirmingPublisher(Channel channel, Duration confirmTimeout) throws IOException {
        this.channel = channel;
        this.confirmTimeout = confirmTimeout;
        channel.confirmSelect();
        channel.addConfirmListener(new ConfirmListener() {
            @Override
            public void handleAck(long seq, boolean multiple) {
                settle(seq, multiple, null);
            }

            @Override
            public void handleNack(long seq, boolean multiple) {
                settle(seq, multiple, new IOException("broker refused the message (nack)"));
            }
        });
        // The broker sends basic.return before the basic.ack of the same message: fail it first.
        channel.addReturnListener(returned -> pending.values().removeIf(p -> {
            boolean match = p.messageId().equals(returned.getProperties().getMessageId());
            if (match) {
                p.confirmed().completeExceptionally(new IOException(
                        "unroutable: no queue bound for " + returned.getExchange() + "/" + returned.getRoutingKey()));
            }
            return match;
        }));
        channel.addShutdownListener(cause -> failAll(new IOException("channel closed before confirm", cause)));
    }

    CompletableFuture<Void> publish(Message message) {
        byte[] body = MessageJson.write(message);
        AMQP.BasicProperties properties = MessageProperties.PERSISTENT_BASIC.builder()
                .contentType("application/json")
                .messageId(message.messageId())
                .type(message.getClass().getSimpleName())
                .timestamp(new Date())
                .headers(Map.of("version", message.version()))
                .build();
        CompletableFuture<Void> confirmed = new CompletableFuture<>();
        synchronized (channel) {
            long seq = channel.getNextPublishSeqNo();
            pending.put(seq, new Pending(message.messageId(), confirmed));
            try {
                channel.basicPublish(message.exchange(), message.routingKey(), true, properties, body);
            } catch (IOException | RuntimeException e) {
                pending.remove(seq);
                return CompletableFuture.failedFuture(e);
            }
        }
        return confirmed.orTimeout(confirmTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean isOpen() {
        return channel.isOpen();
    }

    private void settle(long seq, boolean multiple, Exception failure) {
        var settled = multiple ? pending.headMap(seq, true) : pending.subMap(seq, true, seq, true);
        settled.values().forEach(p -> {
            if (failure == null) {
                p.confirmed().complete(null);
            } else {
                p.confirmed().completeExceptionally(failure);
            }
        });
        settled.clear();
    }

    private void failAll(Exception failure) {
        pending.values().forEach(p -> p.confirmed().completeExceptionally(failure));
        pending.clear();
    }
}
