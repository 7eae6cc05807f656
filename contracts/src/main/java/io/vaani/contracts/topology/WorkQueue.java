package io.vaani.contracts.topology;

import java.util.List;
import java.util.Map;

/**
 * A durable quorum queue whose messages are shared by the competing replicas of one service. A
 * message that is rejected, or redelivered more than {@link #DELIVERY_LIMIT} times, moves to
 * {@link #deadLetterQueue()} through {@code vaani.dlx}, at least once.
 */
public record WorkQueue(String name, String exchange, List<String> bindingKeys) {
    /** Redeliveries before a message that keeps failing is dead-lettered. */
    public static final int DELIVERY_LIMIT = 10;

    public String deadLetterQueue() {
        return name + ".dlq";
    }

    public Map<String, Object> arguments() {
        return Map.of(
                "x-queue-type", "quorum",
                "x-dead-letter-exchange", Exchanges.DEAD_LETTERS,
                "x-dead-letter-routing-key", name,
                "x-dead-letter-strategy", "at-least-once",
                "x-overflow", "reject-publish",
                "x-delivery-limit", DELIVERY_LIMIT);
    }

    public static Map<String, Object> deadLetterArguments() {
        return Map.of("x-queue-type", "quorum");
    }
}
