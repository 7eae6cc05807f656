package io.vaani.contracts.amqp;

/**
 * A message that can never be handled, however often it is retried: the consumer rejects it at
 * once and it goes to its queue's dead-letter queue. Any other failure is retried with backoff.
 */
public class PoisonMessageException extends RuntimeException {
    public PoisonMessageException(String message) {
        super(message);
    }

    public PoisonMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
