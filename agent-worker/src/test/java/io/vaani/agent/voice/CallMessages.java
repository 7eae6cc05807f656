package io.vaani.agent.voice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.vaani.contracts.topology.Exchanges;
import io.vaani.testing.TestQueues;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Everything published on the calls and schedule exchanges while a test runs, as routing key and JSON. */
final class CallMessages implements AutoCloseable {
    record Received(String routingKey, JsonNode body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Connection connection;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    CallMessages() throws Exception {
        connection = TestQueues.factory().newConnection();
        Channel channel = connection.createChannel();
        String queue = channel.queueDeclare().getQueue();
        channel.queueBind(queue, Exchanges.CALLS, "#");
        channel.queueBind(queue, Exchanges.SCHEDULE, "#");
        channel.basicConsume(queue, true, (tag, delivery) -> received.add(new Received(delivery.getEnvelope().getRoutingKey(),
                JSON.readTree(delivery.getBody()))), tag -> {
                });
    }

    /** The messages about this call, in the order they were published. */
    List<Received> about(long callLogId) {
        return received.stream().filter(m -> m.body().path("callLogId").asLong() == callLogId).toList();
    }

    @Override
    public void close() throws Exception {
        connection.close();
    }
}
