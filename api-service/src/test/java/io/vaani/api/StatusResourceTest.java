package io.vaani.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.vaani.testing.RealServersResource;
import io.vaani.testing.ServiceReadinessContract;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = RealServersResource.class, initArgs = {
        @ResourceArg(name = "database", value = "vaani_test_api_service"),
        @ResourceArg(name = "jdbc", value = "true"),
        @ResourceArg(name = "redis-db", value = "1") })
@WithTestResource(OidcWiremockTestResource.class)
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
