package io.vaani.contracts.amqp;

import jakarta.enterprise.event.Observes;
import java.net.InetAddress;
import java.net.UnknownHostException;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Gives every service one {@link RabbitConnection}, connecting as soon as the service starts. */
@Singleton
public class RabbitBeans {

    @Produces
    @Singleton
    RabbitConnection rabbitConnection(RabbitConfig config,
            @ConfigProperty(name = "quarkus.application.name") String application) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName(); // the pod name in Kubernetes
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        RabbitConnection connection = new RabbitConnection(config, application + "@" + host);
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
