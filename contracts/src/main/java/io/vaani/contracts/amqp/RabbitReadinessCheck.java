package io.vaani.contracts.amqp;

import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while connected: no replica takes traffic it cannot pass on. */
@Readiness
@Singleton
public class RabbitReadinessCheck implements HealthCheck {
    private final RabbitConnection rabbit;

    RabbitReadinessCheck(RabbitConnection rabbit) {
        this.rabbit = rabbit;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("RabbitMQ connection")
                .status(rabbit.isOpen())
                .withData("broker", rabbit.address())
                .build();
    }
}
