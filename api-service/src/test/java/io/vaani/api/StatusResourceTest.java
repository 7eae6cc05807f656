package io.vaani.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
import io.vaani.testing.ServiceReadinessContract;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
@ApiTest
class StatusResourceTest {

    @Test
    void rootSummarisesHealthForDashboards() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/")
                .then().statusCode(200)
                .body("service", equalTo("api-service"))
                .body("status", equalTo("UP"))
                .body("uptimeSeconds", greaterThanOrEqualTo(0))
                .body("checks.name", hasItems(ServiceReadinessContract.RABBITMQ, ServiceReadinessContract.REDIS,
                        ServiceReadinessContract.POSTGRESQL)));
    }

    @Test
    void openApiDocumentAndSwaggerUiAreServed() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("info.title", equalTo("Vaani API"))
                .body("paths['/'].get.summary", equalTo("Health summary"));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }
}
