package io.vaani.api.campaign;

import static io.vaani.api.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vaani.api.Api;
import io.vaani.api.Api.Person;
import io.vaani.api.ApiTest;
import io.vaani.contracts.messages.CampaignChanged;
import io.vaani.contracts.messages.MessageJson;
import io.vaani.contracts.redis.RedisKeys;
import io.vaani.contracts.topology.Exchanges;
import io.vaani.testing.TestData;
import io.vaani.testing.TestQueues;
import io.vaani.testing.TestRedis;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Campaigns through the API: configuration, run state, what each change tells the platform, and progress. */
@QuarkusTest
@ApiTest
class CampaignTest {
    private static final int REDIS_DB = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL base;

    @Test
    void aCampaignIsConfiguredAndRunThroughItsStates() {
        Person dev = Api.person("camp-dev");
        UUID workspace = Api.workspace(dev);
        UUID agent = Api.agent(workspace, dev);
        String campaigns = "/v1/workspaces/{w}/campaigns";
        String id = as(dev).body(Map.of("name", "Renewals", "slug", "renewals", "agentId", agent, "email", "owner@acme.com",
                "pacingMode", "ADAPTIVE", "retryRules", Map.of("NO_ANSWER", Map.of("delaySeconds", 3600, "maxAttempts", 4))))
                .post(campaigns, workspace).then().statusCode(201).body("status", equalTo("DRAFT"))
                .body("telephony", equalTo("SIMULATOR")).body("dialerInterval", equalTo(5)).body("pacingMode", equalTo("ADAPTIVE"))
                .body("damper.minSample", equalTo(50)).body("callingWindow.1.start", equalTo("09:00"))
                .body("callingWindow.7", nullValue()).body("retryRules.NO_ANSWER.maxAttempts", equalTo(4))
                .body("complianceProfile", equalTo("US")).body("workspaceId", equalTo(workspace.toString()))
                .extract().path("id");

        as(dev).body(Map.of("callRatio", 2.5, "maxConcurrency", 25, "callingWindow", Map.of("6", Map.of("start", "10:00", "end", "14:00"))))
                .patch(campaigns + "/{c}", workspace, id).then().statusCode(200)
                .body("callRatio", equalTo(2.5f)).body("maxConcurrency", equalTo(25)).body("callingWindow.6.end", equalTo("14:00"))
                .body("callingWindow.1", nullValue()).body("name", equalTo("Renewals"));
        as(dev).body(Map.of("name", "Other", "slug", "renewals", "agentId", agent)).post(campaigns, workspace)
                .then().statusCode(409).body("errors[0].field", equalTo("slug"));

        as(dev).post(campaigns + "/{c}/start", workspace, id).then().statusCode(200).body("status", equalTo("RUNNING"))
                .body("startedAt", notNullValue());
        as(dev).post(campaigns + "/{c}/start", workspace, id).then().statusCode(409).body("detail", containsString("running"));
        as(dev).post(campaigns + "/{c}/resume", workspace, id).then().statusCode(409);
        as(dev).post(campaigns + "/{c}/pause", workspace, id).then().statusCode(200).body("status", equalTo("PAUSED"));
        as(dev).delete(campaigns + "/{c}", workspace, id).then().statusCode(409).body("detail", containsString("stop it first"));
        as(dev).post(campaigns + "/{c}/resume", workspace, id).then().statusCode(200).body("status", equalTo("RUNNING"));
        as(dev).post(campaigns + "/{c}/stop", workspace, id).then().statusCode(200).body("status", equalTo("STOPPED"))
                .body("stoppedAt", notNullValue());
        as(dev).get(campaigns, workspace).then().statusCode(200).body("items", hasSize(1));
        as(dev).delete(campaigns + "/{c}", workspace, id).then().statusCode(204);
        as(dev).get(campaigns + "/{c}", workspace, id).then().statusCode(404);
    }

    @Test
    void inconsistentOrUnlawfulCampaignsAreRefusedNamingTheField() throws Exception {
        Person dev = Api.person("camp-bad");
        Person other = Api.person("camp-other");
        UUID workspace = Api.workspace(dev);
        UUID agent = Api.agent(workspace, dev);
        UUID foreignAgent = Api.agent(Api.workspace(other), other);
        refused(dev, workspace, Map.of("name", "C", "agentId", agent), "slug");
        refused(dev, workspace, Map.of("name", "C", "slug", "c1", "agentId", foreignAgent), "agentId");
        refused(dev, workspace, Map.of("name", "C", "slug", "c1", "agentId", agent, "callRatio", 4, "maxRatio", 2), "callRatio");
        refused(dev, workspace, Map.of("name", "C", "slug", "c1", "agentId", agent, "dialerInterval", 1), "dialerInterval");
        refused(dev, workspace, Map.of("name", "C", "slug", "c1", "agentId", agent, "telephony", "LIVEKIT"), "sipTrunkId");
        refused(dev, workspace, Map.of("name", "C", "slug", "c1", "agentId", agent, "fallbackTimezone", "Mars/Olympus"),
                "fallbackTimezone");
        refused(dev, workspace, Map.of("name", "C", "slug", "c1", "agentId", agent, "defaultRegion", "ZZ"), "defaultRegion");
        refused(dev, workspace, Map.of("name", "C", "slug", "c1", "agentId", agent, "callingWindow",
                Map.of("1", Map.of("start", "07:00", "end", "20:00"))), "callingWindow.1");
        refused(dev, workspace, Map.of("name", "C", "slug", "c1", "agentId", agent, "callingWindow",
                Map.of("1", Map.of("start", "20:00", "end", "09:00"))), "callingWindow.1");
        refused(dev, workspace, Map.of("name", "C", "slug", "c1", "agentId", agent, "retryRules",
                Map.of("SOMETIMES", Map.of("delaySeconds", 1, "maxAttempts", 1))), "retryRules");
        refused(dev, workspace, Map.of("name", "C", "slug", "Bad Slug", "agentId", agent), "slug");
        // The UK profile keeps the same lawful hours; NONE lifts them.
        as(dev).body(Map.of("name", "C", "slug", "night", "agentId", agent, "complianceProfile", "NONE", "callingWindow",
                Map.of("1", Map.of("start", "06:00", "end", "23:00")))).post("/v1/workspaces/{w}/campaigns", workspace)
                .then().statusCode(201);
        as(dev).get("/v1/workspaces/{w}/campaigns", workspace).then().body("items", hasSize(1));
    }

    @Test
    void everyChangeDropsTheCacheAndIsPublished() throws Exception {
        Person dev = Api.person("camp-announce");
        UUID workspace = Api.workspace(dev);
        UUID id = Api.campaign(workspace, dev);
        String slug = as(dev).get("/v1/workspaces/{w}/campaigns/{c}", workspace, id).then().extract().path("slug");
        try (Connection connection = TestQueues.factory().newConnection(); Channel channel = connection.createChannel()) {
            String queue = channel.queueDeclare().getQueue();
            channel.queueBind(queue, Exchanges.CAMPAIGNS, CampaignChanged.ROUTING_KEY);
            TestRedis.call(REDIS_DB, "SET", RedisKeys.campaignData(slug), "cached");

            as(dev).body(Map.of("slug", slug + "-new")).patch("/v1/workspaces/{w}/campaigns/{c}", workspace, id).then().statusCode(200);
            TestRedis.call(REDIS_DB, "SET", RedisKeys.campaignData(slug + "-new"), "cached again");
            as(dev).post("/v1/workspaces/{w}/campaigns/{c}/start", workspace, id).then().statusCode(200);

            assertThat(TestRedis.call(REDIS_DB, "EXISTS", RedisKeys.campaignData(slug))).isEqualTo(":0");
            assertThat(TestRedis.call(REDIS_DB, "EXISTS", RedisKeys.campaignData(slug + "-new"))).isEqualTo(":0");
            List<CampaignChanged> published = new ArrayList<>();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                GetResponse got = channel.basicGet(queue, true);
                if (got != null) {
                    CampaignChanged message = MessageJson.read(got.getBody(), CampaignChanged.class);
                    if (message.campaignId().equals(id)) {
                        published.add(message);
                    }
                }
                return published.size() == 2;
            });
            assertThat(published).extracting(CampaignChanged::change)
                    .containsExactly(CampaignChanged.Change.UPDATED, CampaignChanged.Change.STATUS);
            assertThat(published.getLast().slug()).isEqualTo(slug + "-new");
            assertThat(published.getLast().workspaceId()).isEqualTo(workspace);
        }
        as(dev).post("/v1/workspaces/{w}/campaigns/{c}/stop", workspace, id).then().statusCode(200);
    }

    @Test
    void theStatusGathersProgressFromTheDatabaseAndRedis() throws Exception {
        Person dev = Api.person("camp-status");
        UUID workspace = Api.workspace(dev);
        UUID id = Api.campaign(workspace, dev);
        try (TestData data = new TestData(ApiTest.DATABASE)) {
            UUID list = data.uuid("insert into prospect_lists (workspace_id, campaign_id, name) values (?, ?, 'L') returning id",
                    workspace, id);
            for (int i = 0; i < 5; i++) {
                data.update("insert into prospects (workspace_id, campaign_id, list_id, phone, status, tz, claim_owner, lease_until) "
                        + "values (?, ?, ?, ?, ?, 'America/New_York', ?, case when ? then now() + interval '1 minute' end)",
                        workspace, id, list, "+1415555010" + i, i < 3 ? "NEW" : "QUEUED", i < 3 ? null : "hopper", i >= 3);
            }
            data.update("insert into hopper_entries (campaign_id, prospect_id, list_priority, tz) "
                    + "select campaign_id, id, 0, tz from prospects where campaign_id = ? and status = 'QUEUED'", id);
            data.update("insert into campaign_stats (campaign_id, hour, placed, answered, abandoned) "
                    + "values (?, date_trunc('hour', now()), 12, 10, 1), (?, date_trunc('hour', now()) - interval '10 days', 0, 30, 0)", id, id);
        }
        long future = System.currentTimeMillis() + 60_000;
        TestRedis.call(REDIS_DB, "ZADD", RedisKeys.campaignRinging(id), String.valueOf(future), "c1", String.valueOf(future), "c2",
                "1000", "stale");
        TestRedis.call(REDIS_DB, "ZADD", RedisKeys.campaignConnected(id), String.valueOf(future), "c3");
        TestRedis.call(REDIS_DB, "HSET", RedisKeys.dialerStatus(id), "effectiveRatio", "1.8", "damping", "0.9",
                "skipped.DO_NOT_CALL", "4");
        // The hopper stores its reasons in lower case, the dialer in upper case: the API answers one vocabulary.
        TestRedis.call(REDIS_DB, "HSET", RedisKeys.hopperStatus(id), "level", "40", "skipped.outside_window", "7");

        as(dev).get("/v1/workspaces/{w}/campaigns/{c}/status", workspace, id).then().statusCode(200)
                .body("prospects.NEW", equalTo(3)).body("prospects.QUEUED", equalTo(2)).body("hopper.depth", equalTo(2))
                .body("hopper.level", equalTo(40)).body("calls.ringing", equalTo(2)).body("calls.connected", equalTo(1))
                .body("pacing.ratio", equalTo(1.8f)).body("pacing.damping", equalTo(0.9f))
                .body("abandonToday.answered", equalTo(10)).body("abandonToday.rate", equalTo(0.1f))
                .body("abandonLast30Days.answered", equalTo(40)).body("abandonLast30Days.abandoned", equalTo(1))
                .body("skipped.atDial.DO_NOT_CALL", equalTo(4)).body("skipped.atHopper.OUTSIDE_WINDOW", equalTo(7));

        // The same progress streams as server-sent events, now and again after the interval.
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "v1/workspaces/" + workspace + "/campaigns/" + id + "/events"))
                .header("Authorization", "Bearer " + dev.token()).header("Accept", "text/event-stream").build();
        HttpResponse<java.io.InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        List<JsonNode> events = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null && events.size() < 2; line = lines.readLine()) {
                if (line.startsWith("data:")) {
                    events.add(JSON.readTree(line.substring("data:".length())));
                }
            }
        }
        assertThat(events).hasSize(2).allSatisfy(event -> assertThat(event.path("hopper").path("depth").asLong()).isEqualTo(2));
        assertThat(events.get(1).path("at").asText()).isGreaterThan(events.get(0).path("at").asText());
        as(Api.person("camp-stranger")).get("/v1/workspaces/{w}/campaigns/{c}/status", workspace, id).then().statusCode(404);
    }

    private static void refused(Person dev, UUID workspace, Map<String, Object> body, String field) {
        as(dev).body(body).post("/v1/workspaces/{w}/campaigns", workspace).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", containsString(field));
    }
}
