package io.vaani.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The OpenAPI document the API serves is valid, and every operation says what it does. */
@QuarkusTest
@ApiTest
class OpenApiDocumentTest {

    @Test
    void theDocumentValidatesAndEveryOperationIsDescribed() {
        String json = given().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setValidateInternalRefs(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(json, null, options);

        assertThat(result.getMessages()).as("validation messages").isEmpty();
        OpenAPI api = result.getOpenAPI();
        List<String> undescribed = new ArrayList<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            if (path.startsWith("/v1") && !described(operation)) {
                undescribed.add(method + " " + path);
            }
        }));
        assertThat(undescribed).as("operations without a summary, a tag or a response").isEmpty();
        assertThat(api.getComponents().getSchemas()).containsKeys("CampaignSpec", "AgentSpec", "Problem", "ProspectListUpload",
                "CampaignProgress", "Call", "Batch", "DncEntry");
    }

    private static boolean described(Operation operation) {
        return operation.getSummary() != null && !operation.getSummary().isBlank() && operation.getTags() != null
                && !operation.getTags().isEmpty() && operation.getResponses() != null && !operation.getResponses().isEmpty();
    }
}
