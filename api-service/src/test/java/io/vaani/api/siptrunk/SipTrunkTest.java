package io.vaani.api.siptrunk;

import static io.vaani.api.Api.as;
import static io.vaani.testing.livekit.LiveKitTwirpServer.CREATE_OUTBOUND_TRUNK;
import static io.vaani.testing.livekit.LiveKitTwirpServer.DELETE_TRUNK;
import static io.vaani.testing.livekit.LiveKitTwirpServer.UPDATE_OUTBOUND_TRUNK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.vaani.api.Api;
import io.vaani.api.Api.Person;
import io.vaani.api.ApiTest;
import io.vaani.testing.TestData;
import io.vaani.testing.livekit.LiveKitTwirpServer;
import io.vaani.testing.livekit.LiveKitTwirpServer.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import livekit.LivekitSip.CreateSIPOutboundTrunkRequest;
import livekit.LivekitSip.UpdateSIPOutboundTrunkRequest;
import org.junit.jupiter.api.Test;

/** SIP trunks through the API, kept in step with LiveKit's outbound trunks (the Twirp stand-in). */
@QuarkusTest
@ApiTest
class SipTrunkTest {
    private static final String SECRET = "s3cr3t-trunk-password";

    LiveKitTwirpServer liveKit;

    @Test
    void aTrunkIsCreatedChangedAndDeletedInLiveKitToo() throws Exception {
        Person dev = Api.person("trunk-dev");
        UUID workspace = Api.workspace(dev);
        String name = "Twilio " + UUID.randomUUID();
        String body = as(dev).body(Map.of("name", name, "provider", "TWILIO", "address", "acme.pstn.twilio.com",
                "numbers", List.of("+14155550100"), "auth", Map.of("username", "acme", "password", SECRET), "maxCps", 5))
                .post("/v1/workspaces/{w}/sip-trunks", workspace).then().statusCode(201)
                .body("authUsername", equalTo("acme")).body("hasPassword", equalTo(true)).body("maxCps", equalTo(5.0f))
                .body("livekitTrunkId", notNullValue()).extract().asString();
        assertThat(body).doesNotContain(SECRET);
        String id = io.restassured.path.json.JsonPath.from(body).getString("id");
        CreateSIPOutboundTrunkRequest created = liveKit.received(CREATE_OUTBOUND_TRUNK).stream()
                .filter(r -> r.request().getTrunk().getName().equals(name)).findFirst().orElseThrow().request();
        assertThat(created.getTrunk().getAddress()).isEqualTo("acme.pstn.twilio.com");
        assertThat(created.getTrunk().getNumbersList()).containsExactly("+14155550100");
        assertThat(created.getTrunk().getAuthPassword()).isEqualTo(SECRET);

        as(dev).body(Map.of("numbers", List.of("+14155550100", "+14155550101")))
                .patch("/v1/workspaces/{w}/sip-trunks/{t}", workspace, id).then().statusCode(200)
                .body("numbers[1]", equalTo("+14155550101")).body("hasPassword", equalTo(true))
                .body("address", equalTo("acme.pstn.twilio.com"));
        UpdateSIPOutboundTrunkRequest updated = liveKit.received(UPDATE_OUTBOUND_TRUNK).getLast().request();
        assertThat(updated.getUpdate().getNumbers().getSetList()).containsExactly("+14155550100", "+14155550101");
        assertThat(updated.getUpdate().getAuthPassword()).as("the stored password is kept").isEqualTo(SECRET);

        as(dev).delete("/v1/workspaces/{w}/sip-trunks/{t}", workspace, id).then().statusCode(204);
        assertThat(liveKit.received(DELETE_TRUNK).getLast().request().getSipTrunkId()).isNotEmpty();
        as(dev).get("/v1/workspaces/{w}/sip-trunks/{t}", workspace, id).then().statusCode(404);
        assertThat(Files.readString(Path.of("target/api-service-test.log"))).doesNotContain(SECRET);
    }

    @Test
    void aTrunkLiveKitRefusesIsNotStored() {
        Person dev = Api.person("trunk-refused");
        UUID workspace = Api.workspace(dev);
        liveKit.script(CREATE_OUTBOUND_TRUNK, Reply.error(400, "invalid_argument", "address is not a SIP host"));
        as(dev).body(Map.of("name", "Refused", "provider", "OTHER", "address", "sip.example.com", "numbers", List.of("+14155550100")))
                .post("/v1/workspaces/{w}/sip-trunks", workspace).then().statusCode(502)
                .body("detail", containsString("address is not a SIP host"));
        as(dev).get("/v1/workspaces/{w}/sip-trunks", workspace).then().statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void badTrunksAreRefusedNamingTheFieldAndATrunkInUseStays() throws Exception {
        Person dev = Api.person("trunk-bad");
        UUID workspace = Api.workspace(dev);
        String trunks = "/v1/workspaces/{w}/sip-trunks";
        as(dev).body(Map.of("provider", "TWILIO", "address", "a.example.com", "numbers", List.of("+14155550100")))
                .post(trunks, workspace).then().statusCode(400).body("errors[0].field", equalTo("name"));
        as(dev).body(Map.of("name", "T", "provider", "TELCO", "address", "a.example.com", "numbers", List.of("+14155550100")))
                .post(trunks, workspace).then().statusCode(400).body("errors[0].field", equalTo("provider"));
        as(dev).body(Map.of("name", "T", "provider", "OTHER", "address", "sip:a b", "numbers", List.of("+14155550100")))
                .post(trunks, workspace).then().statusCode(400).body("errors[0].field", equalTo("address"));
        as(dev).body(Map.of("name", "T", "provider", "OTHER", "address", "a.example.com", "numbers", List.of("555-0100")))
                .post(trunks, workspace).then().statusCode(400).body("errors[0].field", containsString("numbers"));
        as(dev).body(Map.of("name", "T", "provider", "OTHER", "address", "a.example.com", "numbers", List.of("+14155550100"),
                "maxCps", 0)).post(trunks, workspace).then().statusCode(400).body("errors[0].field", equalTo("maxCps"));

        String id = as(dev).body(Map.of("name", "Used", "provider", "VONAGE", "address", "sip.nexmo.com", "numbers",
                List.of("+14155550100"))).post(trunks, workspace).then().statusCode(201).body("hasPassword", equalTo(false))
                .body("maxCps", not(equalTo(null))).extract().path("id");
        try (TestData data = new TestData(ApiTest.DATABASE)) {
            UUID agent = data.uuid("insert into agents (workspace_id, name) values (?, 'A') returning id", workspace);
            data.update("insert into campaigns (workspace_id, agent_id, slug, name, telephony, sip_trunk_id) "
                    + "values (?, ?, 'on-trunk', 'C', 'LIVEKIT', ?)", workspace, agent, UUID.fromString(id));
        }
        as(dev).delete(trunks + "/{t}", workspace, id).then().statusCode(409).body("detail", containsString("used by campaigns"));
    }
}
