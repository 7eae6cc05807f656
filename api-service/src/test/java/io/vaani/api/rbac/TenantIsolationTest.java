package io.vaani.api.rbac;

import static io.vaani.api.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.vaani.api.Api;
import io.vaani.api.Api.Person;
import io.vaani.api.ApiTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Two workspaces, each with its admin, members, keys and invitations: nothing of B can be read,
 * changed or even confirmed to exist from A, through A's paths or B's. Every answer is 404.
 */
@QuarkusTest
@ApiTest
class TenantIsolationTest {

    @Test
    void noResourceOfAnotherWorkspaceIsReachable() {
        Person adminA = Api.person("iso-a");
        Person adminB = Api.person("iso-b");
        Person memberB = Api.person("iso-b-member");
        UUID a = Api.workspace(adminA);
        UUID b = Api.workspace(adminB);
        Api.join(b, adminB, memberB, "MEMBER");
        String keyA = (String) Api.key(a, adminA.token(), "ADMIN", null).get("key");
        Object keyB = Api.key(b, adminB.token(), "MEMBER", null).get("id");
        Object invitationB = as(adminB).body(Map.of("email", "pending@example.com", "role", "MEMBER"))
                .post("/v1/workspaces/{w}/invitations", b).then().statusCode(201).extract().path("id");

        List<String> leaks = new ArrayList<>();
        for (String bearer : List.of(adminA.token(), keyA)) {
            // B's own paths.
            expect404(leaks, bearer, "GET", "/v1/workspaces/" + b, null);
            expect404(leaks, bearer, "PATCH", "/v1/workspaces/" + b, Map.of("name", "Mine now"));
            expect404(leaks, bearer, "DELETE", "/v1/workspaces/" + b, null);
            expect404(leaks, bearer, "GET", "/v1/workspaces/" + b + "/members", null);
            expect404(leaks, bearer, "PATCH", "/v1/workspaces/" + b + "/members/" + memberB.id(), Map.of("role", "ADMIN"));
            expect404(leaks, bearer, "DELETE", "/v1/workspaces/" + b + "/members/" + memberB.id(), null);
            expect404(leaks, bearer, "GET", "/v1/workspaces/" + b + "/invitations", null);
            expect404(leaks, bearer, "POST", "/v1/workspaces/" + b + "/invitations", Map.of("email", "x@example.com", "role", "ADMIN"));
            expect404(leaks, bearer, "DELETE", "/v1/workspaces/" + b + "/invitations/" + invitationB, null);
            expect404(leaks, bearer, "GET", "/v1/workspaces/" + b + "/api-keys", null);
            expect404(leaks, bearer, "POST", "/v1/workspaces/" + b + "/api-keys", Map.of("name", "k", "role", "ADMIN"));
            expect404(leaks, bearer, "DELETE", "/v1/workspaces/" + b + "/api-keys/" + keyB, null);
            // B's ids through A's paths.
            expect404(leaks, bearer, "PATCH", "/v1/workspaces/" + a + "/members/" + memberB.id(), Map.of("role", "ADMIN"));
            expect404(leaks, bearer, "DELETE", "/v1/workspaces/" + a + "/members/" + memberB.id(), null);
            expect404(leaks, bearer, "DELETE", "/v1/workspaces/" + a + "/invitations/" + invitationB, null);
            expect404(leaks, bearer, "DELETE", "/v1/workspaces/" + a + "/api-keys/" + keyB, null);
            // Ids that exist nowhere answer the same.
            expect404(leaks, bearer, "GET", "/v1/workspaces/" + UUID.randomUUID(), null);
        }
        assertThat(leaks).isEmpty();
        // B is untouched.
        as(adminB).get("/v1/workspaces/{w}/members", b).then().statusCode(200);
        as(adminB).get("/v1/workspaces/{w}/api-keys", b).then().statusCode(200)
                .body("items[0].revokedAt", org.hamcrest.Matchers.nullValue());
        as(memberB).get("/v1/workspaces/{w}", b).then().statusCode(200).body("role", org.hamcrest.Matchers.equalTo("MEMBER"));
    }

    private static void expect404(List<String> leaks, String bearer, String method, String path, Object body) {
        var request = as(bearer);
        if (body != null) {
            request.body(body);
        }
        int status = request.request(method, path).then().extract().statusCode();
        if (status != 404) {
            leaks.add(method + " " + path + (bearer.startsWith("vk_") ? " (API key)" : " (user)") + ": " + status);
        }
    }
}
