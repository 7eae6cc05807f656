package io.vaani.api.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.vaani.api.Api;
import io.vaani.api.ApiTest;
import io.vaani.api.config.ApiConfig;
import io.vaani.testing.TestData;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The bootstrap superuser of local mode, and the browsers CORS lets in. */
@QuarkusTest
@ApiTest
class BootstrapAndCorsTest {
    @Inject
    BootstrapSuperuser bootstrap;
    @Inject
    ApiConfig config;
    @Inject
    Pool pool;

    @Test
    void theBootstrapKeyActsAsASuperuserAndStartingAgainCreatesNothing() throws Exception {
        Api.as(Api.SUPERUSER_KEY).get("/v1/me").then().statusCode(200)
                .body("user.email", equalTo("admin@vaani.local")).body("user.superuser", equalTo(true))
                .body("apiKey.prefix", equalTo(Api.SUPERUSER_KEY.substring(0, 11)));
        try (TestData data = new TestData(ApiTest.DATABASE)) {
            long keys = data.count("select count(*) from api_keys");
            long users = data.count("select count(*) from users where superuser");
            bootstrap.create(null, config, pool);
            assertThat(data.count("select count(*) from api_keys")).isEqualTo(keys);
            assertThat(data.count("select count(*) from users where superuser")).isEqualTo(users);
            assertThat(data.count("select count(*) from api_keys where key_hash = ?", Secrets.hash(Api.SUPERUSER_KEY))).isOne();
        }
    }

    @Test
    void onlyConfiguredOriginsMayCallFromABrowser() {
        given().header("Origin", "https://dashboard.vaani.test").header("Access-Control-Request-Method", "PATCH")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .options("/v1/workspaces").then().statusCode(200)
                .header("Access-Control-Allow-Origin", "https://dashboard.vaani.test");
        given().header("Origin", "https://evil.example.com").header("Access-Control-Request-Method", "GET")
                .options("/v1/workspaces").then().header("Access-Control-Allow-Origin", nullValue());
        Api.as(Api.SUPERUSER_KEY).header("Origin", "https://evil.example.com").get("/v1/me").then().statusCode(403);
    }
}
