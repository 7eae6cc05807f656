package io.vaani.api.auth;

import static io.vaani.api.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vaani.api.ApiTest;
import io.vaani.api.Tokens;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Bearer tokens of an OIDC provider, signed for real: only valid ones pass, and their user is created on first sight. */
@QuarkusTest
@ApiTest
class OidcTokenTest {

    private static String unique() {
        return "oidc-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aValidTokenCreatesItsUserOnFirstSightAndFindsItAgain() {
        String sub = unique();
        String token = Tokens.sign(Tokens.claims(sub, sub + "@example.com").claim("name", "Ada Lovelace"));
        String id = as(token).get("/v1/me").then().statusCode(200)
                .body("user.email", equalTo(sub + "@example.com"))
                .body("user.name", equalTo("Ada Lovelace"))
                .body("user.superuser", equalTo(false))
                .body("apiKey", nullValue())
                .extract().path("user.id");
        String again = as(Tokens.of(sub, sub + "@example.com")).get("/v1/me").then().statusCode(200).extract().path("user.id");
        assertThat(again).isEqualTo(id);
    }

    @Test
    void expiredTokensAreRefused() {
        String sub = unique();
        long past = System.currentTimeMillis() / 1000 - 3600;
        String token = Tokens.sign(Tokens.claims(sub, sub + "@example.com").issuedAt(past - 600).expiresAt(past));
        refused(token);
    }

    @Test
    void tokensOfAnotherIssuerAreRefused() {
        String sub = unique();
        refused(Tokens.sign(Tokens.claims(sub, sub + "@example.com").issuer("https://evil.example.com")));
    }

    @Test
    void tokensForAnotherAudienceAreRefused() {
        String sub = unique();
        refused(Tokens.sign(Tokens.claims(sub, sub + "@example.com").audience("https://another-api.example.com")));
    }

    @Test
    void tamperedTokensAreRefused() {
        String sub = unique();
        String[] parts = Tokens.of(sub, sub + "@example.com").split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace(sub + "@example.com", "admin@vaani.local");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        refused(tampered);
        refused(parts[0] + "." + parts[1] + ".");
    }

    @Test
    void noCredentialsAnswer401WithAProblem() {
        RestAssured.given().get("/v1/me").then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("status", equalTo(401))
                .body("detail", containsString("authentication required"));
    }

    private static void refused(String token) {
        as(token).get("/v1/me").then().statusCode(401).contentType("application/problem+json")
                .body("title", equalTo("Unauthorized"));
    }
}
