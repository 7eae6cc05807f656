package io.vaani.api.workspace;

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
import io.vaani.testing.TestData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Workspaces through the API, and the errors bad requests get: problem+json naming the field, never a 500. */
@QuarkusTest
@ApiTest
class WorkspaceTest {

    @Test
    void aWorkspaceIsCreatedReadChangedAndDeleted() {
        Person admin = Api.person("w-admin");
        String slug = "acme-" + UUID.randomUUID().toString().substring(0, 8);
        String location = as(admin).body(Map.of("slug", slug, "name", "  Acme Sales ", "maxConcurrency", 40))
                .post("/v1/workspaces").then().statusCode(201)
                .body("slug", equalTo(slug)).body("name", equalTo("Acme Sales")).body("maxConcurrency", equalTo(40))
                .body("role", equalTo("ADMIN")).extract().header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);
        as(admin).get("/v1/workspaces/{w}", id).then().statusCode(200).body("slug", equalTo(slug));
        as(admin).body(Map.of("maxConcurrency", 80)).patch("/v1/workspaces/{w}", id).then().statusCode(200)
                .body("maxConcurrency", equalTo(80)).body("name", equalTo("Acme Sales"));
        as(admin).body(Map.of("slug", slug, "name", "Again")).post("/v1/workspaces").then().statusCode(409)
                .body("errors[0].field", equalTo("slug"));
        as(admin).delete("/v1/workspaces/{w}", id).then().statusCode(204);
        as(admin).get("/v1/workspaces/{w}", id).then().statusCode(404);
    }

    @Test
    void aWorkspaceWithARunningCampaignIsNotDeleted() throws Exception {
        Person admin = Api.person("run-admin");
        UUID workspace = Api.workspace(admin);
        try (TestData data = new TestData(ApiTest.DATABASE)) {
            UUID agent = data.uuid("insert into agents (workspace_id, name) values (?, 'A') returning id", workspace);
            data.update("insert into campaigns (workspace_id, agent_id, slug, name, status) values (?, ?, 'c1', 'C', 'RUNNING')",
                    workspace, agent);
            as(admin).delete("/v1/workspaces/{w}", workspace).then().statusCode(409).body("detail", containsString("running"));
            data.update("update campaigns set status = 'STOPPED' where workspace_id = ?", workspace);
        }
        as(admin).delete("/v1/workspaces/{w}", workspace).then().statusCode(204);
    }

    @Test
    void invalidBodiesNameTheirFields() {
        Person user = Api.person("bad-body");
        as(user).body(Map.of("slug", "-Bad Slug", "name", " ", "maxConcurrency", 0)).post("/v1/workspaces").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("maxConcurrency", "name", "slug")));
        as(user).body(Map.of("slug", "fine-slug", "name", "N", "colour", "red")).post("/v1/workspaces").then()
                .statusCode(400).body("errors[0].field", equalTo("colour")).body("errors[0].message", equalTo("unknown field"));
        as(user).body("{\"slug\":\"fine-slug\",\"name\":\"N\",\"maxConcurrency\":\"many\"}").post("/v1/workspaces").then()
                .statusCode(400).body("errors[0].field", equalTo("maxConcurrency"));
        as(user).body("{\"slug\":").post("/v1/workspaces").then().statusCode(400)
                .body("detail", containsString("not valid JSON"));
        as(user).post("/v1/workspaces").then().statusCode(400).contentType("application/problem+json");
        as(user).body(Map.of("role", "OWNER")).patch("/v1/workspaces/{w}/members/{u}", Api.workspace(user), user.id()).then()
                .statusCode(400).body("errors[0].field", equalTo("role"))
                .body("errors[0].message", containsString("[MEMBER, DEVELOPER, ADMIN]"));
        as(user).get("/v1/no-such-thing").then().statusCode(404).contentType("application/problem+json");
        as(user).get("/v1/workspaces/not-a-uuid").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void listsArePagedWithCursors() {
        Person user = Api.person("pages");
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(Api.workspace(user).toString());
        }
        assertThat(walk(user.token())).containsExactlyElementsOf(created);
        assertThat(walk(Api.SUPERUSER_KEY)).containsAll(created);
        as(user).queryParam("limit", 500).get("/v1/workspaces").then().statusCode(400).body("errors[0].field", equalTo("limit"));
        as(user).queryParam("cursor", "garbage!").get("/v1/workspaces").then().statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
    }

    private static List<String> walk(String bearer) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            var page = as(bearer).queryParam("limit", 2).queryParam("cursor", cursor == null ? "" : cursor).get("/v1/workspaces")
                    .then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.id"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return seen;
    }

    @Test
    void theLastSuperuserStaysAndDisabledUsersAreRefused() {
        Person user = Api.person("disable-me");
        String superuser = Api.as(Api.SUPERUSER_KEY).get("/v1/me").then().statusCode(200)
                .body("user.superuser", equalTo(true)).body("apiKey.workspaceId", nullValue()).extract().path("user.id");
        Api.as(Api.SUPERUSER_KEY).body(Map.of("superuser", false)).patch("/v1/admin/users/{u}", superuser).then().statusCode(409);
        Api.as(Api.SUPERUSER_KEY).queryParam("email", user.email().toUpperCase()).get("/v1/admin/users").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].lastSeenAt", notNullValue());
        Api.as(Api.SUPERUSER_KEY).body(Map.of("disabled", true)).patch("/v1/admin/users/{u}", user.id()).then().statusCode(200)
                .body("disabled", equalTo(true));
        as(user).get("/v1/me").then().statusCode(403).body("detail", containsString("disabled"));
        Api.as(Api.SUPERUSER_KEY).body(Map.of("disabled", false, "superuser", true)).patch("/v1/admin/users/{u}", user.id())
                .then().statusCode(200);
        as(user).get("/v1/admin/users").then().statusCode(200);
        Api.as(Api.SUPERUSER_KEY).body(Map.of("superuser", false)).patch("/v1/admin/users/{u}", user.id()).then().statusCode(200);
        as(user).get("/v1/admin/users").then().statusCode(403);
    }
}
