package io.vaani.contracts.topology;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import java.io.IOException;

/**
 * Declares the durable topology. Every service declares all of it when it connects, so no
 * message is published before the queues that must receive it exist, whatever the start order.
 * Declarations are idempotent; changing a queue's arguments needs a new queue name.
 */
public final class Topology {
    private Topology() {
    }

    public static void declare(Channel channel) throws IOException {
        channel.exchangeDeclare(Exchanges.DEAD_LETTERS, BuiltinExchangeType.TOPIC, true);
        for (String exchange : Exchanges.PIPELINE) {
            channel.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, true);
        }
        for (WorkQueue queue : Queues.ALL) {
            declare(channel, queue);
        }
    }

    public static void declare(Channel channel, WorkQueue queue) throws IOException {
        channel.queueDeclare(queue.deadLetterQueue(), true, false, false, WorkQueue.deadLetterArguments());
        channel.queueBind(queue.deadLetterQueue(), Exchanges.DEAD_LETTERS, queue.name());
        channel.queueDeclare(queue.name(), true, false, false, queue.arguments());
        for (String key : queue.bindingKeys()) {
            channel.queueBind(queue.name(), queue.exchange(), key);
        }
    }
}
