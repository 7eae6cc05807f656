package io.vaani.api.member;

import static io.vaani.api.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.vaani.api.Api;
import io.vaani.api.Api.Person;
import io.vaani.api.ApiTest;
import io.vaani.testing.TestData;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Members, roles and invitations: changes apply on the next request, and a workspace never loses its last admin. */
@QuarkusTest
@ApiTest
class MemberTest {

    @Test
    void theCreatorIsAdminAndInviteesJoinWithTheirRole() {
        Person admin = Api.person("m-admin");
        Person dev = Api.person("m-dev");
        UUID workspace = Api.workspace(admin);
        Api.join(workspace, admin, dev, "DEVELOPER");
        as(dev).get("/v1/me").then().body("workspaces.find { it.workspaceId == '%s' }.role".formatted(workspace),
                equalTo("DEVELOPER"));
        as(admin).get("/v1/workspaces/{w}/members", workspace).then().statusCode(200)
                .body("items", hasSize(2)).body("items.role", equalTo(List.of("ADMIN", "DEVELOPER")));
    }

    @Test
    void aRoleChangeTakesEffectOnTheNextRequest() {
        Person admin = Api.person("r-admin");
        Person member = Api.person("r-member");
        UUID workspace = Api.workspace(admin);
        Api.join(workspace, admin, member, "MEMBER");
        Map<String, String> key = Map.of("name", "k", "role", "MEMBER");
        as(member).body(key).post("/v1/workspaces/{w}/api-keys", workspace).then().statusCode(403);
        as(admin).body(Map.of("role", "DEVELOPER")).patch("/v1/workspaces/{w}/members/{u}", workspace, member.id())
                .then().statusCode(200).body("role", equalTo("DEVELOPER"));
        as(member).body(key).post("/v1/workspaces/{w}/api-keys", workspace).then().statusCode(201);
        as(admin).delete("/v1/workspaces/{w}/members/{u}", workspace, member.id()).then().statusCode(204);
        as(member).get("/v1/workspaces/{w}", workspace).then().statusCode(404);
    }

    @Test
    void theLastAdminCannotBeDemotedOrRemovedEvenByTwoAdminsAtOnce() throws Exception {
        Person first = Api.person("l-first");
        Person second = Api.person("l-second");
        UUID workspace = Api.workspace(first);
        as(first).body(Map.of("role", "MEMBER")).patch("/v1/workspaces/{w}/members/{u}", workspace, first.id())
                .then().statusCode(409).body("detail", containsString("last admin"));
        as(first).delete("/v1/workspaces/{w}/members/{u}", workspace, first.id()).then().statusCode(409);

        Api.join(workspace, first, second, "ADMIN");
        for (int round = 0; round < 5; round++) {
            // Each demotes the other at the same moment: one wins, the workspace keeps an admin.
            var a = CompletableFuture.supplyAsync(() -> as(first).body(Map.of("role", "MEMBER"))
                    .patch("/v1/workspaces/{w}/members/{u}", workspace, second.id()).statusCode());
            var b = CompletableFuture.supplyAsync(() -> as(second).body(Map.of("role", "MEMBER"))
                    .patch("/v1/workspaces/{w}/members/{u}", workspace, first.id()).statusCode());
            assertThat(List.of(a.get(), b.get())).containsAnyOf(200).doesNotContain(500);
            try (TestData data = new TestData(ApiTest.DATABASE)) {
                assertThat(data.count("select count(*) from user_workspaces where workspace_id = ? and role = 'ADMIN'", workspace))
                        .isOne();
                data.update("update user_workspaces set role = 'ADMIN' where workspace_id = ?", workspace);
            }
        }
    }

    @Test
    void anyMemberMayLeaveButOnlyAdminsRemoveOthers() {
        Person admin = Api.person("leave-admin");
        Person a = Api.person("leave-a");
        Person b = Api.person("leave-b");
        UUID workspace = Api.workspace(admin);
        Api.join(workspace, admin, a, "MEMBER");
        Api.join(workspace, admin, b, "DEVELOPER");
        as(b).delete("/v1/workspaces/{w}/members/{u}", workspace, a.id()).then().statusCode(403)
                .body("detail", containsString("only a workspace admin may remove other members"));
        as(a).delete("/v1/workspaces/{w}/members/{u}", workspace, a.id()).then().statusCode(204);
        as(admin).delete("/v1/workspaces/{w}/members/{u}", workspace, UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void invitationsAreForOneEmailOnceBeforeTheyExpire() throws Exception {
        Person admin = Api.person("i-admin");
        Person invitee = Api.person("i-invitee");
        Person stranger = Api.person("i-stranger");
        UUID workspace = Api.workspace(admin);
        String token = as(admin).body(Map.of("email", invitee.email().toUpperCase(), "role", "DEVELOPER"))
                .post("/v1/workspaces/{w}/invitations", workspace).then().statusCode(201).extract().path("token");
        as(stranger).post("/v1/invitations/{t}/accept", token).then().statusCode(403);
        as(invitee).post("/v1/invitations/{t}/accept", token).then().statusCode(200)
                .body("workspaceId", equalTo(workspace.toString())).body("role", equalTo("DEVELOPER"));
        as(invitee).post("/v1/invitations/{t}/accept", token).then().statusCode(410).body("detail", containsString("accepted"));
        as(admin).body(Map.of("email", invitee.email(), "role", "ADMIN")).post("/v1/workspaces/{w}/invitations", workspace)
                .then().statusCode(409).body("errors[0].field", equalTo("email"));
        as(admin).post("/v1/invitations/{t}/accept", "vi_" + "0".repeat(40)).then().statusCode(404);

        Person late = Api.person("i-late");
        String expired = as(admin).body(Map.of("email", late.email(), "role", "MEMBER"))
                .post("/v1/workspaces/{w}/invitations", workspace).then().statusCode(201).extract().path("token");
        try (TestData data = new TestData(ApiTest.DATABASE)) {
            data.update("update invitations set expires_at = now() - interval '1 minute' where workspace_id = ? and email = ?",
                    workspace, late.email());
        }
        as(late).post("/v1/invitations/{t}/accept", expired).then().statusCode(410).body("detail", containsString("expired"));
        String replaced = as(admin).body(Map.of("email", late.email(), "role", "MEMBER"))
                .post("/v1/workspaces/{w}/invitations", workspace).then().statusCode(201).extract().path("token");
        String id = as(admin).body(Map.of("email", late.email(), "role", "DEVELOPER"))
                .post("/v1/workspaces/{w}/invitations", workspace).then().statusCode(201).extract().path("id");
        as(late).post("/v1/invitations/{t}/accept", replaced).then().statusCode(410).body("detail", containsString("revoked"));
        as(admin).delete("/v1/workspaces/{w}/invitations/{i}", workspace, id).then().statusCode(204);
        as(admin).get("/v1/workspaces/{w}/invitations", workspace).then().statusCode(200)
                .body("items.status", equalTo(List.of("ACCEPTED", "EXPIRED", "REVOKED", "REVOKED")));
    }
}
