package io.vaani.api.webhook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.google.protobuf.util.JsonFormat;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import io.livekit.server.AccessToken;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.vaani.api.Api;
import io.vaani.api.Api.Person;
import io.vaani.api.ApiTest;
import io.vaani.api.LiveKitResource;
import io.vaani.contracts.domain.CallOutcome;
import io.vaani.contracts.livekit.CallRooms;
import io.vaani.contracts.messages.CallAnswered;
import io.vaani.contracts.messages.CallEnded;
import io.vaani.contracts.messages.CallEvent;
import io.vaani.contracts.messages.MessageJson;
import io.vaani.contracts.topology.Exchanges;
import io.vaani.testing.TestData;
import io.vaani.testing.TestQueues;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import livekit.LivekitModels.ParticipantInfo;
import livekit.LivekitModels.Room;
import livekit.LivekitWebhook.WebhookEvent;
import org.junit.jupiter.api.Test;

/** LiveKit webhooks signed as LiveKit signs them, verified, translated into call events once per delivery. */
@QuarkusTest
@ApiTest
class LiveKitWebhookTest {
    private static final String WEBHOOKS = "/v1/webhooks/livekit";

    @Test
    void aSignedWebhookBecomesACallEventOnce() throws Exception {
        Person dev = Api.person("webhook-dev");
        UUID workspace = Api.workspace(dev);
        UUID campaign = Api.campaign(workspace, dev);
        long call;
        long prospect;
        try (TestData data = new TestData(ApiTest.DATABASE)) {
            UUID list = data.uuid("insert into prospect_lists (workspace_id, campaign_id, name) values (?, ?, 'L') returning id",
                    workspace, campaign);
            prospect = data.longs("insert into prospects (workspace_id, campaign_id, list_id, phone) values (?, ?, ?, '+14155550101') "
                    + "returning id", workspace, campaign, list).getFirst();
            call = data.longs("insert into call_logs (workspace_id, campaign_id, prospect_id, phone, telephony, status, answered_at) "
                    + "values (?, ?, ?, '+14155550101', 'LIVEKIT', 'RINGING', now() - interval '90 seconds') returning id",
                    workspace, campaign, prospect).getFirst();
        }
        try (Connection connection = TestQueues.factory().newConnection(); Channel channel = connection.createChannel()) {
            String queue = channel.queueDeclare().getQueue();
            channel.queueBind(queue, Exchanges.CALLS, "call.*");

            WebhookEvent joined = event("participant_joined", call, ParticipantInfo.Kind.SIP);
            send(joined, LiveKitResource.API_SECRET).statusCode(200).body("result", equalTo("PUBLISHED"));
            send(joined, LiveKitResource.API_SECRET).statusCode(200).body("result", equalTo("DUPLICATE"));
            send(event("participant_joined", call, ParticipantInfo.Kind.AGENT), LiveKitResource.API_SECRET).statusCode(200)
                    .body("result", equalTo("IGNORED"));
            send(event("room_finished", call, ParticipantInfo.Kind.STANDARD), LiveKitResource.API_SECRET).statusCode(200)
                    .body("result", equalTo("PUBLISHED"));
            send(event("room_finished", call, ParticipantInfo.Kind.STANDARD), LiveKitResource.API_SECRET).statusCode(200)
                    .body("result", equalTo("IGNORED")); // another delivery of the end: the outcome is told once

            List<CallEvent> published = new ArrayList<>();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                GetResponse got = channel.basicGet(queue, true);
                if (got != null) {
                    published.add(MessageJson.read(got.getBody(), CallEvent.class));
                }
                return published.size() >= 2;
            });
            assertThat(published.getFirst()).isInstanceOfSatisfying(CallAnswered.class, a -> {
                assertThat(a.callLogId()).isEqualTo(call);
                assertThat(a.prospectId()).isEqualTo(prospect);
                assertThat(a.campaignId()).isEqualTo(campaign);
            });
            assertThat(published.get(1)).isInstanceOfSatisfying(CallEnded.class, e -> {
                assertThat(e.outcome()).isEqualTo(CallOutcome.COMPLETED);
                assertThat(e.talkSeconds()).isBetween(85L, 120L);
            });
            assertThat(channel.basicGet(queue, true)).isNull();
        }
    }

    @Test
    void anUnsignedOrForgedWebhookIsRefused() throws Exception {
        WebhookEvent event = event("room_finished", 1, ParticipantInfo.Kind.STANDARD);
        String body = JsonFormat.printer().print(event);
        given().contentType("application/webhook+json").body(body).post(WEBHOOKS).then().statusCode(401);
        send(event, "another-secret-of-the-same-length-and-more").statusCode(401).contentType("application/problem+json");
        given().contentType("application/webhook+json").header("Authorization", token(body, LiveKitResource.API_SECRET))
                .body(body.replace("room_finished", "room_started")).post(WEBHOOKS).then().statusCode(401);
        send(event("room_started", 1, ParticipantInfo.Kind.STANDARD).toBuilder().setRoom(Room.newBuilder().setName("lobby")).build(),
                LiveKitResource.API_SECRET).statusCode(200).body("result", equalTo("IGNORED"));
    }

    private static WebhookEvent event(String kind, long call, ParticipantInfo.Kind participant) {
        return WebhookEvent.newBuilder().setEvent(kind).setId("EV_" + UUID.randomUUID()).setCreatedAt(Instant.now().getEpochSecond())
                .setRoom(Room.newBuilder().setName(CallRooms.name(call)))
                .setParticipant(ParticipantInfo.newBuilder().setIdentity("sip-" + call).setKind(participant)).build();
    }

    private static ValidatableResponse send(WebhookEvent event, String secret) throws Exception {
        String body = JsonFormat.printer().print(event);
        return given().contentType("application/webhook+json").header("Authorization", token(body, secret)).body(body)
                .post(WEBHOOKS).then();
    }

    /** As LiveKit signs a delivery: a JWT of the API key, carrying the body's SHA-256. */
    private static String token(String body, String secret) throws Exception {
        AccessToken token = new AccessToken(LiveKitResource.API_KEY, secret);
        token.setSha256(Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(body.getBytes(StandardCharsets.UTF_8))));
        return token.toJwt();
    }
}
