package io.vaani.api;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;

/** Callers of the API in tests: people with OIDC tokens, API keys, and the workspaces they build through the API. */
public final class Api {
    /** The bootstrap superuser's key (application.properties, test profile). */
    public static final String SUPERUSER_KEY = "vk_test-bootstrap-superuser-key-0001";

    private Api() {
    }

    /** A signed-in user, created by the API on their first request. */
    public record Person(String email, String subject, String token, UUID id) {
    }

    public static Person person(String label) {
        String unique = label + "-" + UUID.randomUUID().toString().substring(0, 8);
        String email = unique + "@example.com";
        String token = Tokens.of(unique, email);
        String id = as(token).get("/v1/me").then().statusCode(200).extract().path("user.id");
        return new Person(email, unique, token, UUID.fromString(id));
    }

    public static RequestSpecification as(String bearer) {
        return given().header("Authorization", "Bearer " + bearer).contentType(ContentType.JSON);
    }

    public static RequestSpecification as(Person person) {
        return as(person.token());
    }

    public static UUID workspace(Person admin) {
        String slug = "ws-" + UUID.randomUUID().toString().substring(0, 12);
        String id = as(admin).body(Map.of("slug", slug, "name", "Workspace " + slug)).post("/v1/workspaces")
                .then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    /** Invites and accepts, as the admin and the invitee would. */
    public static void join(UUID workspace, Person admin, Person who, String role) {
        String token = as(admin).body(Map.of("email", who.email(), "role", role))
                .post("/v1/workspaces/{w}/invitations", workspace).then().statusCode(201).extract().path("token");
        as(who).post("/v1/invitations/{t}/accept", token).then().statusCode(200);
    }

    /** A new agent of the workspace, with its defaults. */
    public static UUID agent(UUID workspace, Person developer) {
        String id = as(developer).body(Map.of("name", "Agent")).post("/v1/workspaces/{w}/agents", workspace)
                .then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    /** A new DRAFT campaign on the simulator, open every day of the week from 09:00 to 20:00. */
    public static UUID campaign(UUID workspace, Person developer) {
        Map<String, Object> window = new java.util.HashMap<>();
        for (int day = 1; day <= 7; day++) {
            window.put(String.valueOf(day), Map.of("start", "09:00", "end", "20:00"));
        }
        String id = as(developer).body(Map.of("name", "Campaign", "slug", "c-" + UUID.randomUUID().toString().substring(0, 8),
                "agentId", agent(workspace, developer), "callingWindow", window)).post("/v1/workspaces/{w}/campaigns", workspace)
                .then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    /** A new API key of the workspace: {id, key}. */
    public static Map<String, Object> key(UUID workspace, String creatorBearer, String role, Integer perMinute) {
        Map<String, Object> body = perMinute == null ? Map.of("name", "key " + role, "role", role)
                : Map.of("name", "key " + role, "role", role, "rateLimitPerMinute", perMinute);
        return as(creatorBearer).body(body).post("/v1/workspaces/{w}/api-keys", workspace)
                .then().statusCode(201).extract().as(Map.class);
    }
}
