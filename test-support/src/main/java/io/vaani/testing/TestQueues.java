package io.vaani.testing;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.MessageProperties;
import io.vaani.contracts.messages.Message;
import io.vaani.contracts.messages.MessageJson;
import io.vaani.contracts.topology.Queues;
import io.vaani.contracts.topology.WorkQueue;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

/** The pipeline's queues in the test vhost, emptied so a test sees only its own messages. */
public final class TestQueues {
    private TestQueues() {
    }

    public static ConnectionFactory factory() {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(RealServers.HOST);
        factory.setPort(RealServers.AMQP_PORT);
        factory.setUsername(RealServers.AMQP_USER);
        factory.setPassword(RealServers.AMQP_PASSWORD);
        factory.setVirtualHost(RealServers.AMQP_VHOST);
        return factory;
    }

    /** Purges every work queue and dead-letter queue that exists; the services redeclare them. */
    /** Publishes {@code message} as the services do: persistent JSON carrying its message id. */
    public static void publish(Channel channel, Message message) throws IOException {
        synchronized (channel) { // a channel is not shared between publishing threads
            channel.basicPublish(message.exchange(), message.routingKey(), MessageProperties.PERSISTENT_BASIC.builder()
                    .contentType("application/json").messageId(message.messageId()).type(message.getClass().getSimpleName()).build(),
                    MessageJson.write(message));
        }
    }

    public static void purgeAll() {
        try (Connection connection = factory().newConnection("test-support")) {
            for (WorkQueue queue : Queues.ALL) {
                purge(connection, queue.name());
                purge(connection, queue.deadLetterQueue());
            }
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("cannot reach RabbitMQ vhost " + RealServers.AMQP_VHOST
                    + " (run deploy/local/infra.sh up)", e);
        }
    }

    private static void purge(Connection connection, String queue) throws IOException {
        // A missing queue closes the channel it was asked on, so each purge gets its own.
        try (Channel channel = connection.createChannel()) {
            channel.queuePurge(queue);
        } catch (IOException e) {
            // not declared yet
        } catch (TimeoutException e) {
            throw new IOException(e);
        }
    }
}
