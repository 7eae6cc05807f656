package io.vaani.api.rbac;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vaani.api.Api;
import io.vaani.api.Api.Person;
import io.vaani.api.ApiTest;
import io.vaani.api.auth.Secrets;
import io.vaani.testing.TestData;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every endpoint of the API × every role × anonymous, with the exact status each must get. Each
 * call runs in a fresh workspace, so that a successful delete or change cannot affect the next.
 * A new endpoint without a row here fails {@link #everyEndpointHasARow()}.
 */
@QuarkusTest
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RbacTableTest {
    /** The callers, in the order of each row's statuses. */
    enum Who {
        ANONYMOUS, MEMBER, DEVELOPER, ADMIN, SUPERUSER, OUTSIDER
    }

    record Row(String method, String path, Function<World, Object> body, int... statuses) {
        String endpoint() {
            return method + " " + path;
        }
    }

    /** A fresh workspace where the member, developer and admin have their roles, and what the paths point at. */
    record World(UUID workspace, UUID member, UUID key, UUID invitation, String token, UUID user, UUID agent, UUID trunk,
            UUID campaign, long dncEntry, long globalDncEntry, UUID list, long call, UUID batch) {
    }

    /** A multipart form with one CSV file, for upload endpoints. */
    record CsvFile(String csv, Map<String, String> fields) {
        CsvFile(String csv) {
            this(csv, Map.of());
        }
    }

    /** Endpoints that stream (server-sent events): only their status is read, then the stream is closed. */
    static final Set<String> STREAMS = Set.of("GET /v1/workspaces/{workspaceId}/campaigns/{campaignId}/events");

    static final List<Row> TABLE = List.of(
            row("GET", "/v1/me", null, 401, 200, 200, 200, 200, 200),
            row("POST", "/v1/workspaces", w -> Map.of("slug", "rbac-" + UUID.randomUUID().toString().substring(0, 8),
                    "name", "RBAC"), 401, 201, 201, 201, 201, 201),
            row("GET", "/v1/workspaces", null, 401, 200, 200, 200, 200, 200),
            row("GET", "/v1/workspaces/{workspaceId}", null, 401, 200, 200, 200, 200, 404),
            row("PATCH", "/v1/workspaces/{workspaceId}", w -> Map.of("name", "Renamed"), 401, 403, 403, 200, 200, 404),
            row("DELETE", "/v1/workspaces/{workspaceId}", null, 401, 403, 403, 204, 204, 404),
            row("GET", "/v1/workspaces/{workspaceId}/members", null, 401, 200, 200, 200, 200, 404),
            row("PATCH", "/v1/workspaces/{workspaceId}/members/{userId}", w -> Map.of("role", "DEVELOPER"),
                    401, 403, 403, 200, 200, 404),
            row("DELETE", "/v1/workspaces/{workspaceId}/members/{userId}", null, 401, 403, 403, 204, 204, 404),
            row("POST", "/v1/workspaces/{workspaceId}/invitations", w -> Map.of("email", "invitee-" + UUID.randomUUID()
                    + "@example.com", "role", "MEMBER"), 401, 403, 403, 201, 201, 404),
            row("GET", "/v1/workspaces/{workspaceId}/invitations", null, 401, 403, 403, 200, 200, 404),
            row("DELETE", "/v1/workspaces/{workspaceId}/invitations/{invitationId}", null, 401, 403, 403, 204, 204, 404),
            row("POST", "/v1/invitations/{token}/accept", null, 401, 200, 200, 200, 200, 200),
            row("POST", "/v1/workspaces/{workspaceId}/api-keys", w -> Map.of("name", "k", "role", "MEMBER"),
                    401, 403, 201, 201, 201, 404),
            row("GET", "/v1/workspaces/{workspaceId}/api-keys", null, 401, 200, 200, 200, 200, 404),
            row("DELETE", "/v1/workspaces/{workspaceId}/api-keys/{keyId}", null, 401, 403, 204, 204, 204, 404),
            row("POST", "/v1/workspaces/{workspaceId}/agents", w -> Map.of("name", "Agent"), 401, 403, 201, 201, 201, 404),
            row("GET", "/v1/workspaces/{workspaceId}/agents", null, 401, 200, 200, 200, 200, 404),
            row("GET", "/v1/workspaces/{workspaceId}/agents/{agentId}", null, 401, 200, 200, 200, 200, 404),
            row("PATCH", "/v1/workspaces/{workspaceId}/agents/{agentId}", w -> Map.of("name", "Renamed"), 401, 403, 200, 200, 200, 404),
            row("DELETE", "/v1/workspaces/{workspaceId}/agents/{agentId}", null, 401, 403, 204, 204, 204, 404),
            row("POST", "/v1/workspaces/{workspaceId}/sip-trunks", w -> Map.of("name", "T", "provider", "OTHER", "address",
                    "sip.example.com", "numbers", List.of("+14155550100")), 401, 403, 201, 201, 201, 404),
            row("GET", "/v1/workspaces/{workspaceId}/sip-trunks", null, 401, 200, 200, 200, 200, 404),
            row("GET", "/v1/workspaces/{workspaceId}/sip-trunks/{trunkId}", null, 401, 200, 200, 200, 200, 404),
            row("PATCH", "/v1/workspaces/{workspaceId}/sip-trunks/{trunkId}", w -> Map.of("maxCps", 2), 401, 403, 200, 200, 200, 404),
            row("DELETE", "/v1/workspaces/{workspaceId}/sip-trunks/{trunkId}", null, 401, 403, 204, 204, 204, 404),
            row("POST", "/v1/workspaces/{workspaceId}/campaigns", w -> Map.of("name", "C", "slug", "c-" + UUID.randomUUID()
                    .toString().substring(0, 8), "agentId", w.agent()), 401, 403, 201, 201, 201, 404),
            row("GET", "/v1/workspaces/{workspaceId}/campaigns", null, 401, 200, 200, 200, 200, 404),
            row("GET", "/v1/workspaces/{workspaceId}/campaigns/{campaignId}", null, 401, 200, 200, 200, 200, 404),
            row("PATCH", "/v1/workspaces/{workspaceId}/campaigns/{campaignId}", w -> Map.of("name", "Renamed"),
                    401, 403, 200, 200, 200, 404),
            // The world's campaign is PAUSED: it cannot be deleted, started or paused, only resumed or stopped.
            row("DELETE", "/v1/workspaces/{workspaceId}/campaigns/{campaignId}", null, 401, 403, 409, 409, 409, 404),
            row("POST", "/v1/workspaces/{workspaceId}/campaigns/{campaignId}/start", null, 401, 403, 409, 409, 409, 404),
            row("POST", "/v1/workspaces/{workspaceId}/campaigns/{campaignId}/pause", null, 401, 403, 409, 409, 409, 404),
            row("POST", "/v1/workspaces/{workspaceId}/campaigns/{campaignId}/resume", null, 401, 403, 200, 200, 200, 404),
            row("POST", "/v1/workspaces/{workspaceId}/campaigns/{campaignId}/stop", null, 401, 403, 200, 200, 200, 404),
            row("GET", "/v1/workspaces/{workspaceId}/campaigns/{campaignId}/status", null, 401, 200, 200, 200, 200, 404),
            row("GET", "/v1/workspaces/{workspaceId}/campaigns/{campaignId}/events", null, 401, 200, 200, 200, 200, 404),
            row("POST", "/v1/workspaces/{workspaceId}/campaigns/{campaignId}/lists", w -> new CsvFile("phone\n+14155550100\n"),
                    401, 403, 201, 201, 201, 404),
            row("GET", "/v1/workspaces/{workspaceId}/campaigns/{campaignId}/lists", null, 401, 200, 200, 200, 200, 404),
            row("GET", "/v1/workspaces/{workspaceId}/campaigns/{campaignId}/lists/{listId}", null, 401, 200, 200, 200, 200, 404),
            row("PATCH", "/v1/workspaces/{workspaceId}/campaigns/{campaignId}/lists/{listId}", w -> Map.of("priority", 3),
                    401, 403, 200, 200, 200, 404),
            // Without a filter the request is refused, but only once the caller may ask.
            row("GET", "/v1/workspaces/{workspaceId}/prospects", null, 401, 400, 400, 400, 400, 404),
            row("GET", "/v1/workspaces/{workspaceId}/calls", null, 401, 200, 200, 200, 200, 404),
            row("GET", "/v1/workspaces/{workspaceId}/calls/{callId}", null, 401, 200, 200, 200, 200, 404),
            row("GET", "/v1/workspaces/{workspaceId}/calls/{callId}/recording", null, 401, 200, 200, 200, 200, 404),
            row("GET", "/v1/workspaces/{workspaceId}/calls/{callId}/transcript", null, 401, 200, 200, 200, 200, 404),
            row("GET", "/v1/workspaces/{workspaceId}/chats", null, 401, 200, 200, 200, 200, 404),
            row("POST", "/v1/workspaces/{workspaceId}/batches", w -> Map.of("name", "B", "agentId", w.agent(), "maxConcurrency", 1,
                    "items", List.of(Map.of("phone", "+14155550100"))), 401, 403, 201, 201, 201, 404),
            row("POST", "/v1/workspaces/{workspaceId}/batches/upload", w -> new CsvFile("phone\n+14155550100\n", Map.of("batch",
                    "{\"name\":\"B\",\"agentId\":\"" + w.agent() + "\",\"maxConcurrency\":1}")), 401, 403, 201, 201, 201, 404),
            row("GET", "/v1/workspaces/{workspaceId}/batches", null, 401, 200, 200, 200, 200, 404),
            row("GET", "/v1/workspaces/{workspaceId}/batches/{batchId}", null, 401, 200, 200, 200, 200, 404),
            row("GET", "/v1/workspaces/{workspaceId}/batches/{batchId}/items", null, 401, 200, 200, 200, 200, 404),
            // The world's batch job is PENDING: it may be started (again) or cancelled, not paused or resumed.
            row("POST", "/v1/workspaces/{workspaceId}/batches/{batchId}/start", null, 401, 403, 202, 202, 202, 404),
            row("POST", "/v1/workspaces/{workspaceId}/batches/{batchId}/pause", null, 401, 403, 409, 409, 409, 404),
            row("POST", "/v1/workspaces/{workspaceId}/batches/{batchId}/resume", null, 401, 403, 409, 409, 409, 404),
            row("POST", "/v1/workspaces/{workspaceId}/batches/{batchId}/cancel", null, 401, 403, 202, 202, 202, 404),
            row("POST", "/v1/workspaces/{workspaceId}/dnc", w -> Map.of("entries", List.of(Map.of("phone", "+14155550100"))),
                    401, 403, 200, 200, 200, 404),
            row("GET", "/v1/workspaces/{workspaceId}/dnc", null, 401, 200, 200, 200, 200, 404),
            row("DELETE", "/v1/workspaces/{workspaceId}/dnc/{entryId}", null, 401, 403, 204, 204, 204, 404),
            row("POST", "/v1/admin/dnc", w -> Map.of("entries", List.of(Map.of("phone", "+14155550100"))), 401, 403, 403, 403, 200, 403),
            row("GET", "/v1/admin/dnc", null, 401, 403, 403, 403, 200, 403),
            row("DELETE", "/v1/admin/dnc/{entryId}", null, 401, 403, 403, 403, 204, 403),
            row("GET", "/v1/admin/users", null, 401, 403, 403, 403, 200, 403),
            // LiveKit signs its webhooks: no caller's token or key is a LiveKit signature.
            row("POST", "/v1/webhooks/livekit", w -> Map.of("event", "room_finished"), 401, 401, 401, 401, 401, 401),
            row("PATCH", "/v1/admin/users/{userId}", w -> Map.of("disabled", false), 401, 403, 403, 403, 200, 403));

    TestData data;
    final HttpClient http = HttpClient.newHttpClient();

    @TestHTTPResource("/")
    URL base;
    final Map<Who, Person> people = new LinkedHashMap<>();

    @BeforeEach
    void people() throws Exception {
        if (data != null) {
            return;
        }
        data = new TestData(ApiTest.DATABASE);
        for (Who who : List.of(Who.MEMBER, Who.DEVELOPER, Who.ADMIN, Who.OUTSIDER)) {
            people.put(who, Api.person(who.name().toLowerCase()));
        }
    }

    @AfterAll
    void close() throws Exception {
        data.close();
    }

    @Test
    void everyEndpointAnswersEachCallerWithItsStatus() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Row row : TABLE) {
            for (Who who : Who.values()) {
                World world = world(who);
                int expected = row.statuses()[who.ordinal()];
                RequestSpecification request = caller(who);
                if (row.body() != null && row.body().apply(world) instanceof CsvFile file) {
                    request.contentType("multipart/form-data").multiPart("file", "p.csv", file.csv().getBytes(), "text/csv");
                    file.fields().forEach(request::multiPart);
                } else if (row.body() != null) {
                    request.body(row.body().apply(world));
                }
                String path = row.path().replace("{workspaceId}", world.workspace().toString())
                        .replace("{invitationId}", world.invitation().toString())
                        .replace("{keyId}", world.key().toString())
                        .replace("{agentId}", world.agent().toString())
                        .replace("{trunkId}", world.trunk().toString())
                        .replace("{campaignId}", world.campaign().toString())
                        .replace("{listId}", world.list().toString())
                        .replace("{callId}", String.valueOf(world.call()))
                        .replace("{batchId}", world.batch().toString())
                        .replace("{entryId}", String.valueOf(row.path().startsWith("/v1/admin") ? world.globalDncEntry() : world.dncEntry()))
                        .replace("{token}", world.token())
                        .replace("{userId}", (row.path().startsWith("/v1/admin") ? world.user() : world.member()).toString());
                int status = STREAMS.contains(row.endpoint()) ? streamStatus(who, path)
                        : request.request(row.method(), path).then().extract().statusCode();
                if (status != expected) {
                    wrong.add(row.endpoint() + " as " + who + ": " + status + ", expected " + expected);
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void everyEndpointHasARow() {
        Map<String, Map<String, Object>> paths = given().get("/q/openapi?format=json").then().statusCode(200)
                .extract().path("paths");
        TreeSet<String> documented = new TreeSet<>();
        paths.forEach((path, operations) -> {
            if (path.startsWith("/v1")) {
                operations.keySet().forEach(method -> documented.add(method.toUpperCase() + " " + path));
            }
        });
        TreeSet<String> covered = new TreeSet<>(TABLE.stream().map(Row::endpoint).toList());
        assertThat(covered).as("endpoints in the RBAC table").isEqualTo(documented);
    }

    private int streamStatus(Who who, String path) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path.substring(1))).header("Accept", "text/event-stream");
        String bearer = switch (who) {
            case ANONYMOUS -> null;
            case SUPERUSER -> Api.SUPERUSER_KEY;
            default -> people.get(who).token();
        };
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        response.body().close();
        return response.statusCode();
    }

    private RequestSpecification caller(Who who) {
        return switch (who) {
            case ANONYMOUS -> given().contentType(ContentType.JSON);
            case SUPERUSER -> Api.as(Api.SUPERUSER_KEY);
            default -> Api.as(people.get(who));
        };
    }

    private World world(Who who) throws Exception {
        UUID workspace = data.uuid("insert into workspaces (slug, name) values (?, 'RBAC') returning id", slug());
        UUID member = Api.person("target").id();
        join(workspace, people.get(Who.MEMBER).id(), "MEMBER");
        join(workspace, people.get(Who.DEVELOPER).id(), "DEVELOPER");
        join(workspace, people.get(Who.ADMIN).id(), "ADMIN");
        join(workspace, member, "MEMBER");
        UUID key = data.uuid("insert into api_keys (workspace_id, role, name, prefix, key_hash) values (?, 'DEVELOPER', 'k', ?, ?) "
                + "returning id", workspace, "vk_" + UUID.randomUUID().toString().substring(0, 8), new byte[32]);
        UUID invitation = invitation(workspace, "pending-" + UUID.randomUUID() + "@example.com", "x-" + UUID.randomUUID());
        // An invitation for the caller themself, into another workspace.
        String token = Secrets.generate("vi");
        String email = who == Who.SUPERUSER ? "admin@vaani.local" : who == Who.ANONYMOUS ? "nobody@example.com"
                : people.get(who).email();
        invitation(data.uuid("insert into workspaces (slug, name) values (?, 'Other') returning id", slug()), email, token);
        UUID user = data.uuid("insert into users (email) values (?) returning id", "user-" + UUID.randomUUID() + "@example.com");
        UUID agent = data.uuid("insert into agents (workspace_id, name) values (?, 'Agent') returning id", workspace);
        UUID trunk = data.uuid("insert into sip_trunks (workspace_id, name, provider, address) values (?, 'T', 'OTHER', 'sip.example.com') "
                + "returning id", workspace);
        UUID campaignAgent = data.uuid("insert into agents (workspace_id, name) values (?, 'Busy') returning id", workspace);
        UUID campaign = data.uuid("insert into campaigns (workspace_id, agent_id, slug, name, status) values (?, ?, ?, 'C', 'PAUSED') "
                + "returning id", workspace, campaignAgent, "c-" + UUID.randomUUID().toString().substring(0, 8));
        long dncEntry = data.longs("insert into dnc_entries (workspace_id, phone) values (?, '+14155550199') returning id", workspace).getFirst();
        long globalDncEntry = data.longs("insert into dnc_entries (phone, match) values (?, 'PREFIX') returning id",
                "+1" + (100 + (int) (Math.random() * 899)) + (1000 + (int) (Math.random() * 8999))).getFirst();
        UUID list = data.uuid("insert into prospect_lists (workspace_id, campaign_id, name) values (?, ?, 'L') returning id",
                workspace, campaign);
        long call = data.longs("insert into call_logs (workspace_id, phone, telephony, recording_key) "
                + "values (?, '+14155550100', 'SIMULATOR', 'mv/2026/11/24/1.ogg') returning id", workspace).getFirst();
        UUID batchCampaign = data.uuid("insert into campaigns (workspace_id, agent_id, slug, name, one_shot) values (?, ?, ?, 'B', true) "
                + "returning id", workspace, campaignAgent, "b-" + UUID.randomUUID().toString().substring(0, 8));
        UUID batch = data.uuid("insert into batch_jobs (workspace_id, agent_id, campaign_id, name, max_concurrency) "
                + "values (?, ?, ?, 'B', 1) returning id", workspace, campaignAgent, batchCampaign);
        return new World(workspace, member, key, invitation, token, user, agent, trunk, campaign, dncEntry, globalDncEntry, list, call,
                batch);
    }

    private void join(UUID workspace, UUID user, String role) throws Exception {
        data.update("insert into user_workspaces (workspace_id, user_id, role) values (?, ?, ?)", workspace, user, role);
    }

    private UUID invitation(UUID workspace, String email, String token) throws Exception {
        return data.uuid("insert into invitations (workspace_id, email, role, token_hash, expires_at) "
                + "values (?, ?, 'MEMBER', ?, now() + interval '1 day') returning id", workspace, email, Secrets.hash(token));
    }

    private static String slug() {
        return "w-" + UUID.randomUUID().toString().substring(0, 12);
    }

    private static Row row(String method, String path, Function<World, Object> body, int... statuses) {
        return new Row(method, path, body, statuses);
    }
}
