package io.vaani.api.dnc;

import static io.vaani.api.Api.as;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vaani.api.Api;
import io.vaani.api.Api.Person;
import io.vaani.api.ApiTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Do-not-call lists: numbers and area codes blocked by JSON or CSV, checked, unblocked; the global list for superusers. */
@QuarkusTest
@ApiTest
class DncTest {

    @Test
    void numbersAndAreaCodesAreBlockedCheckedAndUnblocked() {
        Person dev = Api.person("dnc-dev");
        UUID workspace = Api.workspace(dev);
        String dnc = "/v1/workspaces/{w}/dnc";
        as(dev).body(Map.of("entries", List.of(Map.of("phone", "+1 (415) 555-0100", "reason", "asked"), Map.of("phone", "+1212*"),
                Map.of("phone", "+14155550100")))).post(dnc, workspace).then().statusCode(200)
                .body("added", equalTo(2)).body("duplicates", equalTo(1)).body("rejected", equalTo(0));

        as(dev).queryParam("phone", "+14155550100").get(dnc, workspace).then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].match", equalTo("EXACT")).body("items[0].reason", equalTo("asked"));
        as(dev).queryParam("phone", "+12125550199").get(dnc, workspace).then().statusCode(200)
                .body("items[0].phone", equalTo("+1212*")).body("items[0].global", equalTo(false));
        as(dev).queryParam("phone", "+13125550199").get(dnc, workspace).then().statusCode(200).body("items", hasSize(0));
        as(dev).queryParam("phone", "555-0100").get(dnc, workspace).then().statusCode(400).body("errors[0].field", equalTo("phone"));

        int id = as(dev).queryParam("limit", 1).get(dnc, workspace).then().statusCode(200).body("items", hasSize(1))
                .body("nextCursor", notNullValue()).extract().path("items[0].id");
        as(dev).delete(dnc + "/{e}", workspace, id).then().statusCode(204);
        as(dev).delete(dnc + "/{e}", workspace, id).then().statusCode(404);
        as(dev).queryParam("phone", "+14155550100").get(dnc, workspace).then().body("items", hasSize(0));
        as(Api.person("dnc-stranger")).queryParam("phone", "+12125550199").get(dnc, workspace).then().statusCode(404);
    }

    @Test
    void aJsonListWithOneBadNumberIsRefusedWhole() {
        Person dev = Api.person("dnc-json");
        UUID workspace = Api.workspace(dev);
        as(dev).body(Map.of("entries", List.of(Map.of("phone", "+14155550101"), Map.of("phone", "call me maybe"))))
                .post("/v1/workspaces/{w}/dnc", workspace).then().statusCode(400).body("errors[0].field", equalTo("entries[1].phone"));
        as(dev).body(Map.of("entries", List.of())).post("/v1/workspaces/{w}/dnc", workspace).then().statusCode(400)
                .body("errors[0].field", equalTo("entries"));
        as(dev).body("{\"entries\": [").post("/v1/workspaces/{w}/dnc", workspace).then().statusCode(400)
                .contentType("application/problem+json");
        as(dev).get("/v1/workspaces/{w}/dnc", workspace).then().body("items", hasSize(0));
    }

    @Test
    void aCsvAddsItsGoodLinesAndReportsTheBadOnes() {
        Person dev = Api.person("dnc-csv");
        UUID workspace = Api.workspace(dev);
        String csv = "\uFEFFphone,reason\n+14155550102,\"opted out, by email\"\n\nnot-a-number,x\n+44 20 7946 0958\n+1646*\n"
                + "+1" + "9".repeat(1200) + "\n+14155550102\n";
        as(dev).contentType("text/csv").body(csv.getBytes(StandardCharsets.UTF_8)).post("/v1/workspaces/{w}/dnc", workspace)
                .then().statusCode(200).body("added", equalTo(3)).body("duplicates", equalTo(1)).body("rejected", equalTo(2))
                .body("errors.line", containsInAnyOrder(4, 7)).body("errors[0].reason", containsString("not-a-number"));
        as(dev).queryParam("phone", "+14155550102").get("/v1/workspaces/{w}/dnc", workspace).then()
                .body("items[0].reason", equalTo("opted out, by email"));
        as(dev).contentType("text/csv").body(new byte[] { '+', '1', (byte) 0xff, '\n' }).post("/v1/workspaces/{w}/dnc", workspace)
                .then().statusCode(400).body("errors[0].field", equalTo("file"));
        as(dev).contentType(ContentType.XML).body("<dnc/>").post("/v1/workspaces/{w}/dnc", workspace).then().statusCode(415);
    }

    @Test
    void theGlobalListIsTheSuperusersAndBlocksEveryWorkspace() {
        Person dev = Api.person("dnc-global");
        UUID workspace = Api.workspace(dev);
        String number = "+1415" + (1_000_000 + (int) (Math.random() * 8_999_999));
        as(Api.SUPERUSER_KEY).body(Map.of("entries", List.of(Map.of("phone", number, "reason", "national registry"))))
                .post("/v1/admin/dnc").then().statusCode(200).body("added", equalTo(1));
        as(dev).body(Map.of("entries", List.of(Map.of("phone", number)))).post("/v1/admin/dnc").then().statusCode(403);
        as(dev).queryParam("phone", number).get("/v1/workspaces/{w}/dnc", workspace).then().statusCode(200)
                .body("items[0].global", equalTo(true)).body("items[0].reason", equalTo("national registry"));
        int id = as(Api.SUPERUSER_KEY).queryParam("phone", number).get("/v1/admin/dnc").then().statusCode(200)
                .body("items", hasSize(1)).extract().path("items[0].id");
        as(dev).delete("/v1/workspaces/{w}/dnc/{e}", workspace, id).then().statusCode(404);
        as(Api.SUPERUSER_KEY).delete("/v1/admin/dnc/{e}", id).then().statusCode(204);
    }
}
