package io.vaani.testing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What every service must show once booted against the real servers: ready with a check per
 * server it uses, live, and Prometheus metrics. A service's test extends it with its annotations.
 */
public abstract class ServiceReadinessContract {
    public static final String RABBITMQ = "RabbitMQ connection";
    public static final String REDIS = "Redis connection health check";
    public static final String POSTGRESQL = "Reactive PostgreSQL connections health check";

    /** The readiness checks this service must report. */
    protected abstract String[] expectedChecks();

    @Test
    void readyWithACheckPerServer() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems(expectedChecks())));
    }

    @Test
    void liveWithPrometheusMetrics() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }
}
