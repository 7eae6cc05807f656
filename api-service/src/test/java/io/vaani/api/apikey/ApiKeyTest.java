package io.vaani.api.apikey;

import static io.vaani.api.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.vaani.api.Api;
import io.vaani.api.Api.Person;
import io.vaani.api.ApiTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Workspace API keys: shown once, stored hashed, limited to their role and workspace, revocable, rate-limited. */
@QuarkusTest
@ApiTest
class ApiKeyTest {

    @Test
    void aKeyIsShownOnceActsWithItsRoleAndIsNeverListedOrLogged() throws Exception {
        Person admin = Api.person("keys-admin");
        UUID workspace = Api.workspace(admin);
        Map<String, Object> created = Api.key(workspace, admin.token(), "DEVELOPER", null);
        String key = (String) created.get("key");
        assertThat(key).startsWith("vk_").hasSize(43).startsWith((String) created.get("prefix"));

        as(key).get("/v1/me").then().statusCode(200)
                .body("user", nullValue())
                .body("apiKey.id", equalTo(created.get("id")))
                .body("apiKey.role", equalTo("DEVELOPER"))
                .body("workspaces[0].workspaceId", equalTo(workspace.toString()));
        // A developer key creates developer keys, not admin ones, and cannot manage members.
        as(key).body(Map.of("name", "child", "role", "DEVELOPER")).post("/v1/workspaces/{w}/api-keys", workspace)
                .then().statusCode(201);
        as(key).body(Map.of("name", "escalate", "role", "ADMIN")).post("/v1/workspaces/{w}/api-keys", workspace)
                .then().statusCode(403).body("detail", containsString("developer cannot create API keys of role admin"));
        as(key).body(Map.of("email", "x@example.com", "role", "MEMBER")).post("/v1/workspaces/{w}/invitations", workspace)
                .then().statusCode(403);
        // A workspace key owns no workspaces.
        as(key).body(Map.of("slug", "from-a-key", "name", "K")).post("/v1/workspaces").then().statusCode(403)
                .body("detail", containsString("a workspace API key cannot create workspaces"));

        String listed = as(admin).get("/v1/workspaces/{w}/api-keys", workspace).then().statusCode(200)
                .body("items", hasSize(2))
                .body("items.find { it.id == '%s' }.lastUsedAt".formatted(created.get("id")), notNullValue())
                .extract().asString();
        assertThat(listed).doesNotContain(key).doesNotContain(key.substring(11)).doesNotContainIgnoringCase("hash");
        assertThat(Files.readString(Path.of("target/api-service-test.log"))).doesNotContain(key.substring(11));
    }

    @Test
    void aRevokedKeyFailsAtOnce() {
        Person admin = Api.person("revoke-admin");
        UUID workspace = Api.workspace(admin);
        Map<String, Object> created = Api.key(workspace, admin.token(), "MEMBER", null);
        String key = (String) created.get("key");
        as(key).get("/v1/workspaces/{w}", workspace).then().statusCode(200);
        as(admin).delete("/v1/workspaces/{w}/api-keys/{k}", workspace, created.get("id")).then().statusCode(204);
        as(key).get("/v1/workspaces/{w}", workspace).then().statusCode(401)
                .contentType("application/problem+json").body("detail", containsString("API key revoked"));
        as(admin).delete("/v1/workspaces/{w}/api-keys/{k}", workspace, created.get("id")).then().statusCode(204);
        as(admin).get("/v1/workspaces/{w}/api-keys", workspace).then()
                .body("items[0].revokedAt", notNullValue());
    }

    @Test
    void keysOfAnotherWorkspaceOrUnknownKeysGetNothing() {
        Person admin = Api.person("scope-admin");
        UUID mine = Api.workspace(admin);
        UUID other = Api.workspace(Api.person("scope-other"));
        String key = (String) Api.key(mine, admin.token(), "ADMIN", null).get("key");
        as(key).get("/v1/workspaces/{w}", other).then().statusCode(404);
        as(key).get("/v1/workspaces").then().statusCode(200).body("items", hasSize(1)).body("items[0].id", equalTo(mine.toString()));
        as(key.substring(0, 20) + "x".repeat(23)).get("/v1/me").then().statusCode(401).body("detail", containsString("unknown API key"));
        as("vk_short").get("/v1/me").then().statusCode(401).body("detail", containsString("malformed API key"));
    }

    @Test
    void eachKeyHasItsOwnRateLimitAnsweredWith429AndRetryAfter() {
        Person admin = Api.person("limit-admin");
        UUID workspace = Api.workspace(admin);
        String limited = (String) Api.key(workspace, admin.token(), "MEMBER", 3).get("key");
        String other = (String) Api.key(workspace, admin.token(), "MEMBER", 3).get("key");
        for (int i = 0; i < 3; i++) {
            as(limited).get("/v1/workspaces/{w}", workspace).then().statusCode(200);
        }
        String retryAfter = as(limited).get("/v1/workspaces/{w}", workspace).then().statusCode(429)
                .contentType("application/problem+json").body("title", equalTo("Too Many Requests"))
                .extract().header("Retry-After");
        assertThat(Integer.parseInt(retryAfter)).isBetween(1, 20);
        as(other).get("/v1/workspaces/{w}", workspace).then().statusCode(200);
        as(admin).body(Map.of("name", "too fast", "role", "MEMBER", "rateLimitPerMinute", 10_000_000))
                .post("/v1/workspaces/{w}/api-keys", workspace).then().statusCode(400)
                .body("errors[0].field", equalTo("rateLimitPerMinute"));
    }
}
