package io.vaani.contracts.amqp;

import io.vaani.contracts.runtime.Instance;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Gives every service one {@link RabbitConnection}, connecting as soon as the service starts. */
@Singleton
public class RabbitBeans {

    @Produces
    @Singleton
    RabbitConnection rabbitConnection(RabbitConfig config, Instance instance) {
        RabbitConnection connection = new RabbitConnection(config, instance.id());
        connection.start();
        return connection;
    }

    void close(@Disposes RabbitConnection connection) {
        connection.close();
    }

    void connectAtStartup(@Observes Startup startup, RabbitConnection connection) {
        // Observing Startup creates the connection eagerly; it then connects in the background.
    }
}
