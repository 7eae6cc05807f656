package io.vaani.api.prospectlist;

import static io.vaani.api.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.vaani.api.Api;
import io.vaani.api.Api.Person;
import io.vaani.api.ApiTest;
import io.vaani.testing.TestData;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Prospect files through the API, hostile ones included: each gets a clear answer, and valid rows are never lost. */
@QuarkusTest
@ApiTest
class ProspectListTest {
    private static final String LISTS = "/v1/workspaces/{w}/campaigns/{c}/lists";

    @Test
    void aFileBecomesAListOfNormalisedProspectsWithItsZones() throws Exception {
        Person dev = Api.person("upload-dev");
        UUID workspace = Api.workspace(dev);
        UUID campaign = Api.campaign(workspace, dev);
        String csv = "\uFEFFPhone,First Name,last_name,timezone,state,policy,note\r\n"
                + "(415) 555-0101,Ada,Lovelace,,,P-1,\"renews soon, call early\"\r\n"
                + "\r\n"
                + "415.555.0102,Alan,Turing,Europe/London,,P-2,\r\n"
                + "+44 20 7946 0958,Grace,Hopper,,,P-3,\r\n"
                + "415-555-0101,Ada,Again,,,P-4,\r\n"
                + "12345,Bad,Number,,,P-5,\r\n"
                + "+18005550123,Toll,Free,,,P-6,\r\n"
                + "+18005550124,Toll,Texas,,TX,P-7,\r\n"
                + "(212) 555-0103,Bad,Zone,Mars/Base,,P-8,\r\n";
        ValidatableResponse upload = upload(dev, workspace, campaign, csv.getBytes(StandardCharsets.UTF_8), "text/csv",
                Map.of("name", "December", "priority", "5"));
        upload.statusCode(201).body("accepted", equalTo(5)).body("duplicates", equalTo(1)).body("rejected", equalTo(2))
                .body("unknownZone", equalTo(2)).body("errors.line", equalTo(List.of(7, 10)))
                .body("errors[0].reason", containsString("phone")).body("errors[1].reason", containsString("timezone"));
        String list = upload.extract().path("listId");

        as(dev).get(LISTS + "/{l}", workspace, campaign, list).then().statusCode(200).body("name", equalTo("December"))
                .body("priority", equalTo(5)).body("accepted", equalTo(5)).body("fileName", equalTo("prospects.csv"));
        as(dev).queryParam("listId", list).queryParam("phone", "+14155550101").get("/v1/workspaces/{w}/prospects", workspace)
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].firstName", equalTo("Ada"))
                .body("items[0].lastName", equalTo("Lovelace")).body("items[0].timezone", equalTo("America/Los_Angeles"))
                .body("items[0].variables.note", equalTo("renews soon, call early")).body("items[0].status", equalTo("NEW"));
        as(dev).queryParam("campaignId", campaign).queryParam("phone", "+14155550102").get("/v1/workspaces/{w}/prospects", workspace)
                .then().body("items[0].timezone", equalTo("Europe/London"));
        as(dev).queryParam("campaignId", campaign).queryParam("phone", "+18005550123").get("/v1/workspaces/{w}/prospects", workspace)
                .then().body("items[0].timezone", nullValue());

        // A second file: numbers already in the campaign are duplicates, whichever list holds them.
        upload(dev, workspace, campaign, "number\n4155550101\n4155550199\n".getBytes(StandardCharsets.UTF_8), "text/csv", Map.of())
                .statusCode(201).body("accepted", equalTo(1)).body("duplicates", equalTo(1));
        try (TestData data = new TestData(ApiTest.DATABASE)) {
            assertThat(data.count("select count(*) from prospects where campaign_id = ?", campaign)).isEqualTo(6);
        }
    }

    @Test
    void hostileFilesGetClearAnswersAndTheirValidRowsAreKept() {
        Person dev = Api.person("upload-hostile");
        UUID workspace = Api.workspace(dev);
        UUID campaign = Api.campaign(workspace, dev);
        byte[] latin1 = "phone,first_name\n4155550111,Jos\u00e9\n4155550112,Ann\n".getBytes(StandardCharsets.ISO_8859_1);
        upload(dev, workspace, campaign, latin1, "text/csv", Map.of()).statusCode(201).body("accepted", equalTo(1))
                .body("errors[0].line", equalTo(2)).body("errors[0].reason", containsString("UTF-8"));
        byte[] utf16 = "phone\n4155550113\n".getBytes(StandardCharsets.UTF_16);
        upload(dev, workspace, campaign, utf16, "text/csv", Map.of()).statusCode(400).body("errors[0].field", equalTo("file"))
                .body("detail", containsString("UTF-16"));
        upload(dev, workspace, campaign, "phone\n".getBytes(StandardCharsets.UTF_8), "text/csv", Map.of()).statusCode(400)
                .body("detail", containsString("no prospect rows"));
        upload(dev, workspace, campaign, "name,email\nAda,a@x.com\n".getBytes(StandardCharsets.UTF_8), "text/csv", Map.of())
                .statusCode(400).body("detail", containsString("no phone column"));
        upload(dev, workspace, campaign, "phone\nnope\nnever\n".getBytes(StandardCharsets.UTF_8), "text/csv", Map.of())
                .statusCode(400).body("detail", containsString("no valid prospect rows")).body("errors.field", hasItem("line 3"));
        upload(dev, workspace, campaign, "%PDF-1.7".getBytes(StandardCharsets.UTF_8), "application/pdf", Map.of()).statusCode(415)
                .body("detail", containsString("not CSV"));
        upload(dev, workspace, campaign, "phone\n4155550114\n".getBytes(StandardCharsets.UTF_8), "text/csv", Map.of("priority", "high"))
                .statusCode(400).body("errors[0].field", equalTo("priority"));
        String longLine = "phone,note\n4155550115,ok\n4155550116," + "x".repeat(10 * 1024 * 1024) + "\n4155550117,after\n";
        upload(dev, workspace, campaign, longLine.getBytes(StandardCharsets.UTF_8), "text/csv", Map.of()).statusCode(201)
                .body("accepted", equalTo(2)).body("rejected", equalTo(1)).body("errors[0].line", equalTo(3));
        as(dev).contentType("multipart/form-data").multiPart("name", "no file").post(LISTS, workspace, campaign).then().statusCode(400)
                .body("errors[0].field", equalTo("file"));
        as(dev).body(Map.of("phone", "+14155550118")).post(LISTS, workspace, campaign).then().statusCode(415)
                .contentType("application/problem+json");
        upload(dev, workspace, UUID.randomUUID(), "phone\n4155550119\n".getBytes(StandardCharsets.UTF_8), "text/csv", Map.of())
                .statusCode(404);
    }

    @Test
    void aListIsRenamedReprioritisedAndDeactivated() {
        Person dev = Api.person("upload-change");
        UUID workspace = Api.workspace(dev);
        UUID campaign = Api.campaign(workspace, dev);
        String list = upload(dev, workspace, campaign, "phone\n4155550120\n4155550121\n4155550122\n".getBytes(StandardCharsets.UTF_8),
                "text/csv", Map.of()).statusCode(201).extract().path("listId");
        as(dev).body(Map.of("priority", 100, "active", false, "expiresAt", "2030-01-01T00:00:00Z"))
                .patch(LISTS + "/{l}", workspace, campaign, list).then().statusCode(200).body("priority", equalTo(100))
                .body("active", equalTo(false)).body("expiresAt", equalTo("2030-01-01T00:00:00Z")).body("name", equalTo("prospects.csv"));
        as(dev).body(Map.of("expiresAt", "")).patch(LISTS + "/{l}", workspace, campaign, list).then().statusCode(200)
                .body("expiresAt", nullValue());
        as(dev).body(Map.of("expiresAt", "tomorrow")).patch(LISTS + "/{l}", workspace, campaign, list).then().statusCode(400)
                .body("errors[0].field", equalTo("expiresAt"));
        as(dev).get(LISTS, workspace, campaign).then().statusCode(200).body("items", hasSize(1));

        String prospects = "/v1/workspaces/{w}/prospects";
        String cursor = as(dev).queryParam("campaignId", campaign).queryParam("status", "new").queryParam("limit", 2)
                .get(prospects, workspace).then().statusCode(200).body("items", hasSize(2)).body("nextCursor", notNullValue())
                .extract().path("nextCursor");
        as(dev).queryParam("campaignId", campaign).queryParam("status", "NEW").queryParam("cursor", cursor)
                .get(prospects, workspace).then().statusCode(200).body("items", hasSize(1)).body("items[0].phone", equalTo("+14155550122"));
        as(dev).get(prospects, workspace).then().statusCode(400).body("errors[0].field", equalTo("campaignId"));
        as(dev).queryParam("campaignId", "not-a-uuid").get(prospects, workspace).then().statusCode(400)
                .body("errors[0].field", equalTo("campaignId"));
        as(dev).queryParam("listId", list).queryParam("status", "HAPPY").get(prospects, workspace).then().statusCode(400)
                .body("errors[0].field", equalTo("status"));
    }

    private static ValidatableResponse upload(Person dev, UUID workspace, UUID campaign, byte[] file, String type,
            Map<String, String> fields) {
        var request = as(dev).contentType("multipart/form-data").multiPart("file", "prospects.csv", file, type);
        fields.forEach(request::multiPart);
        return request.post(LISTS, workspace, campaign).then();
    }
}
