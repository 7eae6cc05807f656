package io.vaani.ticker;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vaani.contracts.amqp.RabbitConnection;
import io.vaani.contracts.messages.CampaignTick;
import io.vaani.testing.RealServersResource;
import io.vaani.testing.ServiceReadinessContract;
import io.vaani.testing.TcpProxy;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Readiness follows the broker: DOWN while it is unreachable, UP again when it is back, no restart. */
@QuarkusTest
@WithTestResource(value = RealServersResource.class, initArgs = {
        @ResourceArg(name = "database", value = "vaani_test_dialer_ticker_outage"),
        @ResourceArg(name = "redis-db", value = "7"),
        @ResourceArg(name = "amqp-proxy", value = "true") })
class RabbitOutageTest {
    TcpProxy broker;

    @Inject
    RabbitConnection rabbit;

    @Test
    void readinessFollowsTheBrokerWithoutARestart() {
        awaitRabbit("UP", 200);

        broker.cut();
        awaitRabbit("DOWN", 503);
        given().get("/q/health/live").then().statusCode(200);

        broker.restore();
        awaitRabbit("UP", 200);
        // The recovered connection publishes again.
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
            rabbit.publish(CampaignTick.of(UUID.randomUUID(), 1, Instant.now())).get();
            return true;
        });
    }

    private static void awaitRabbit(String status, int httpStatus) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonPath health = given().get("/q/health/ready").then().statusCode(httpStatus).extract().jsonPath();
            assertThat(health.getList("checks.findAll { it.status == '" + status + "' }.name"),
                    hasItem(ServiceReadinessContract.RABBITMQ));
            assertThat(health.getString("status"), equalTo(status));
        });
    }
}
