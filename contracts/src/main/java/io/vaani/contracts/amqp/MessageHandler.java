package io.vaani.contracts.amqp;

import io.vaani.contracts.messages.Message;
import java.util.concurrent.CompletionStage;

/**
 * Handles one message. The message is acknowledged when the returned stage completes, so complete
 * it only after the work is committed. Fail it with {@link PoisonMessageException} to dead-letter
 * the message; any other failure redelivers it after a backoff.
 */
@FunctionalInterface
public interface MessageHandler<T extends Message> {
    CompletionStage<?> handle(T message);
}
