package io.vaani.contracts.amqp;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The RabbitMQ broker every service talks to ({@code VAANI_RABBITMQ_*}). */
@ConfigMapping(prefix = "vaani.rabbitmq")
public interface RabbitConfig {
    /** Broker host name. */
    @WithDefault("127.0.0.1")
    String host();

    /** AMQP port. */
    @WithDefault("5672")
    int port();

    /** User name. */
    @WithDefault("guest")
    String username();

    /** Password. */
    @WithDefault("guest")
    String password();

    /** Virtual host. */
    @WithDefault("/")
    String virtualHost();

    /** Unacknowledged messages per consumer: bounds the work each replica has in flight. */
    @WithDefault("32")
    int prefetch();

    /** Wait between attempts to (re)connect while the broker is unreachable. */
    @WithDefault("2s")
    Duration reconnectInterval();

    /** How long a publish waits for the broker's confirm before it counts as failed. */
    @WithDefault("5s")
    Duration confirmTimeout();
}
