package io.vaani.api.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An error as RFC 9457 problem details, served as {@code application/problem+json}. */
@Schema(name = "Problem", description = "RFC 9457 problem details")
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
        @Schema(examples = "about:blank") String type,
        @Schema(examples = "Bad Request") String title,
        @Schema(examples = "400") int status,
        @Schema(examples = "name: must not be blank") String detail,
        @Schema(examples = "/v1/workspaces") String instance,
        @Schema(description = "The fields at fault, when the request body or query was invalid") List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid field: a JSON path into the body (e.g. {@code retryRules.BUSY.delay}) or a query parameter. */
    @Schema(name = "FieldError")
    public record FieldError(@Schema(examples = "name") String field, @Schema(examples = "must not be blank") String message) {
    }
}
