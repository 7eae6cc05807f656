package io.vaani.api.call;

import static io.vaani.api.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.vaani.api.Api;
import io.vaani.api.Api.Person;
import io.vaani.api.ApiTest;
import io.vaani.api.S3Resource;
import io.vaani.contracts.recording.RecordingKeys;
import io.vaani.testing.TestData;
import io.vaani.testing.s3.S3ProxyServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** Call logs through the API: filters, newest first, transcripts, and recordings served by S3 itself. */
@QuarkusTest
@ApiTest
class CallTest {
    private final HttpClient http = HttpClient.newHttpClient();

    S3ProxyServer s3Server;

    @Test
    void callsAreListedNewestFirstAndFiltered() throws Exception {
        Person dev = Api.person("calls-dev");
        UUID workspace = Api.workspace(dev);
        UUID campaign = Api.campaign(workspace, dev);
        List<Long> ids;
        try (TestData data = new TestData(ApiTest.DATABASE)) {
            ids = data.longs("""
                    insert into call_logs (workspace_id, campaign_id, phone, telephony, status, outcome, created_at, talk_seconds)
                    values (?, ?, '+14155550101', 'SIMULATOR', 'ENDED', 'COMPLETED', now() - interval '2 hours', 60),
                           (?, ?, '+14155550102', 'SIMULATOR', 'ENDED', 'NO_ANSWER', now() - interval '1 hour', null),
                           (?, ?, '+14155550101', 'SIMULATOR', 'ENDED', 'ABANDONED', now() - interval '30 minutes', 0),
                           (?, null, '+14155550103', 'SIMULATOR', 'RINGING', null, now(), null)
                    returning id""", workspace, campaign, workspace, campaign, workspace, campaign, workspace);
        }
        String calls = "/v1/workspaces/{w}/calls";
        as(dev).get(calls, workspace).then().statusCode(200).body("items", hasSize(4)).body("items[0].id", equalTo(ids.get(3).intValue()))
                .body("items[0].status", equalTo("RINGING"));
        as(dev).queryParam("campaignId", campaign).queryParam("limit", 2).get(calls, workspace).then().statusCode(200)
                .body("items.id", equalTo(List.of(ids.get(2).intValue(), ids.get(1).intValue()))).body("nextCursor", notNullValue());
        as(dev).queryParam("phone", "+14155550101").get(calls, workspace).then().body("items", hasSize(2));
        // A + left unencoded reaches the server as a space: the number is still read as meant.
        as(dev).urlEncodingEnabled(false).queryParam("phone", "+14155550101").get(calls, workspace).then().statusCode(200)
                .body("items", hasSize(2));
        as(dev).queryParam("outcome", "completed").get(calls, workspace).then().body("items", hasSize(1))
                .body("items[0].talkSeconds", equalTo(60));
        as(dev).queryParam("status", "ENDED").queryParam("from", Instant.now().minus(Duration.ofMinutes(90)).toString())
                .get(calls, workspace).then().body("items", hasSize(2));
        as(dev).queryParam("to", Instant.now().minus(Duration.ofMinutes(90)).toString()).get(calls, workspace).then()
                .body("items", hasSize(1));
        as(dev).queryParam("outcome", "MAYBE").get(calls, workspace).then().statusCode(400).body("errors[0].field", equalTo("outcome"));
        as(dev).queryParam("from", "yesterday").get(calls, workspace).then().statusCode(400).body("errors[0].field", equalTo("from"));
        as(dev).queryParam("cursor", "bm9wZQ").get(calls, workspace).then().statusCode(400).body("errors[0].field", equalTo("cursor"));
        as(dev).get(calls + "/{id}", workspace, ids.getFirst()).then().statusCode(200).body("outcome", equalTo("COMPLETED"))
                .body("recorded", equalTo(false));
        as(Api.person("calls-stranger")).get(calls + "/{id}", workspace, ids.getFirst()).then().statusCode(404);
    }

    @Test
    void aRecordingIsServedByAPreSignedUrlAndATranscriptTurnByTurn() throws Exception {
        Person member = Api.person("calls-member");
        UUID workspace = Api.workspace(member);
        long call;
        String key;
        try (TestData data = new TestData(ApiTest.DATABASE)) {
            call = data.longs("insert into call_logs (workspace_id, phone, telephony, status, outcome) "
                    + "values (?, '+14155550104', 'LIVEKIT', 'ENDED', 'COMPLETED') returning id", workspace).getFirst();
            key = RecordingKeys.of(call, Instant.now());
            data.update("update call_logs set recording_key = ? where id = ?", key, call);
            data.update("insert into chat_logs (workspace_id, call_log_id, seq, role, content, started_at, interrupted) values "
                    + "(?, ?, 2, 'USER', 'Yes, this is Ada.', now(), false), (?, ?, 1, 'ASSISTANT', 'Hi, is this Ada?', now(), false), "
                    + "(?, ?, 3, 'ASSISTANT', 'Great, I am calling', now(), true)", workspace, call, workspace, call, workspace, call);
        }
        assertThat(key).matches("mv/\\d{4}/\\d{2}/\\d{2}/" + call + "\\.ogg");
        byte[] audio = "OggS-fake-opus-pages".getBytes();
        try (S3Client s3 = S3Client.builder().endpointOverride(URI.create(s3Server.endpoint())).region(Region.of(S3ProxyServer.REGION)).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(S3ProxyServer.ACCESS_KEY,
                        S3ProxyServer.SECRET_KEY))).build()) {
            s3.putObject(b -> b.bucket(S3Resource.BUCKET).key(key), RequestBody.fromBytes(audio));
        }

        String url = as(member).get("/v1/workspaces/{w}/calls/{id}/recording", workspace, call).then().statusCode(200)
                .body("expiresAt", notNullValue()).extract().path("url");
        Instant expiresAt = Instant.parse(as(member).get("/v1/workspaces/{w}/calls/{id}/recording", workspace, call).then()
                .extract().path("expiresAt"));
        assertThat(expiresAt).isBetween(Instant.now().plus(Duration.ofMinutes(59)), Instant.now().plus(Duration.ofMinutes(61)));
        HttpResponse<byte[]> fetched = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.body()).isEqualTo(audio);
        assertThat(url).contains("X-Amz-Expires=3600");
        HttpResponse<byte[]> tampered = http.send(HttpRequest.newBuilder(URI.create(url.replace(call + ".ogg", (call + 1) + ".ogg")))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(tampered.statusCode()).as("the signature covers the key").isEqualTo(403);

        as(member).get("/v1/workspaces/{w}/calls/{id}/transcript", workspace, call).then().statusCode(200)
                .body("turns.seq", equalTo(List.of(1, 2, 3))).body("turns[2].interrupted", equalTo(true))
                .body("turns[0].role", equalTo("ASSISTANT"));
        as(member).queryParam("callId", call).get("/v1/workspaces/{w}/chats", workspace).then().statusCode(200)
                .body("items.seq", equalTo(List.of(3, 1, 2)));
    }
}
