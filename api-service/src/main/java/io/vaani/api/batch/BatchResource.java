package io.vaani.api.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.vaani.api.batch.BatchDtos.Batch;
import io.vaani.api.batch.BatchDtos.BatchCreated;
import io.vaani.api.batch.BatchDtos.BatchItem;
import io.vaani.api.batch.BatchDtos.NewBatch;
import io.vaani.api.paging.Page;
import io.vaani.api.paging.PageQuery;
import io.vaani.api.problem.ProblemException;
import io.vaani.api.rbac.Access;
import io.vaani.api.rbac.CurrentCaller;
import io.vaani.api.rbac.Requires;
import io.vaani.contracts.messages.BatchCommand;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Clock;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

@Path("/v1/workspaces/{workspaceId}/batches")
@Tag(name = "Batch jobs")
@Produces(MediaType.APPLICATION_JSON)
public class BatchResource {
    private final Batches batches;
    private final CurrentCaller current;
    private final ObjectMapper json;
    private final Validator validator;
    private final Clock clock;

    BatchResource(Batches batches, CurrentCaller current, ObjectMapper json, Validator validator, Clock clock) {
        this.batches = batches;
        this.current = current;
        this.json = json;
        this.validator = validator;
        this.clock = clock;
    }

    /** The form of a CSV batch, for the OpenAPI document. */
    @Schema(name = "BatchUploadForm")
    public record Form(@Schema(type = SchemaType.STRING, format = "binary", required = true,
            description = "CSV, UTF-8: a phone column; other columns become the call's variables") String file,
            @Schema(required = true, description = "The job as JSON (NewBatch without items)") NewBatch batch) {
    }

    @POST
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(Access.DEVELOPER)
    @Operation(summary = "Create a batch job", description = "Calls each number once (or maxAttempts times) with the agent, at most "
            + "maxConcurrency at once, inside the calling window; it starts at once. Every number must be valid, or nothing is created.")
    @APIResponse(responseCode = "201", description = "Created and started", content = @Content(schema = @Schema(implementation = BatchCreated.class)))
    public Response create(@PathParam("workspaceId") UUID workspaceId, @Valid @NotNull NewBatch body) throws IOException {
        if (body.items() == null || body.items().isEmpty()) {
            throw ProblemException.invalid("items", "at least one number; or upload a CSV to .../batches/upload");
        }
        BatchCreated created = batches.create(workspaceId, body, BatchItems.of(body.items(), region(body), clock),
                current.get().userId());
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    @POST
    @Path("/upload")
    @Blocking
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Requires(Access.DEVELOPER)
    @Operation(summary = "Create a batch job from a CSV file", description = "As a JSON job, with its numbers in the file: bad lines "
            + "are reported and the others called.")
    @RequestBody(content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA, schema = @Schema(implementation = Form.class)))
    @APIResponse(responseCode = "201", description = "Created and started", content = @Content(schema = @Schema(implementation = BatchCreated.class)))
    public Response upload(@PathParam("workspaceId") UUID workspaceId, @RestForm("file") FileUpload file,
            @RestForm("batch") String batch) throws IOException {
        if (file == null || file.uploadedFile() == null) {
            throw ProblemException.invalid("file", "required: the CSV file as a form part named file");
        }
        NewBatch spec = spec(batch);
        try (InputStream in = Files.newInputStream(file.uploadedFile())) {
            BatchCreated created = batches.create(workspaceId, spec, BatchItems.of(in, region(spec), clock), current.get().userId());
            return Response.status(Response.Status.CREATED).entity(created).build();
        }
    }

    @GET
    @Requires(Access.MEMBER)
    @Operation(summary = "List batch jobs", description = "In creation order.")
    public Uni<Page<Batch>> list(@PathParam("workspaceId") UUID workspaceId, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return batches.list(workspaceId, PageQuery.of(limit, cursor));
    }

    @GET
    @Path("/{batchId}")
    @Requires(Access.MEMBER)
    @Operation(summary = "Get a batch job", description = "With its progress: total and final items.")
    public Uni<Batch> get(@PathParam("workspaceId") UUID workspaceId, @PathParam("batchId") UUID batchId) {
        return batches.get(workspaceId, batchId);
    }

    @GET
    @Path("/{batchId}/items")
    @Requires(Access.MEMBER)
    @Operation(summary = "List a batch job's items", description = "By id, each with its state, outcome and call.")
    public Uni<Page<BatchItem>> items(@PathParam("workspaceId") UUID workspaceId, @PathParam("batchId") UUID batchId,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return batches.items(workspaceId, batchId, PageQuery.of(limit, cursor));
    }

    @POST
    @Path("/{batchId}/start")
    @Requires(Access.DEVELOPER)
    @Operation(summary = "Start a batch job again", description = "A job starts when created; this re-sends the start of one still "
            + "PENDING (created while the scheduler could not be told).")
    @APIResponse(responseCode = "202", description = "Sent to the scheduler")
    public Uni<Response> start(@PathParam("workspaceId") UUID workspaceId, @PathParam("batchId") UUID batchId) {
        return command(workspaceId, batchId, BatchCommand.Action.START);
    }

    @POST
    @Path("/{batchId}/pause")
    @Requires(Access.DEVELOPER)
    @Operation(summary = "Pause a batch job", description = "No new calls; calls in progress finish.")
    @APIResponse(responseCode = "202", description = "Sent to the scheduler")
    public Uni<Response> pause(@PathParam("workspaceId") UUID workspaceId, @PathParam("batchId") UUID batchId) {
        return command(workspaceId, batchId, BatchCommand.Action.PAUSE);
    }

    @POST
    @Path("/{batchId}/resume")
    @Requires(Access.DEVELOPER)
    @Operation(summary = "Resume a paused batch job")
    @APIResponse(responseCode = "202", description = "Sent to the scheduler")
    public Uni<Response> resume(@PathParam("workspaceId") UUID workspaceId, @PathParam("batchId") UUID batchId) {
        return command(workspaceId, batchId, BatchCommand.Action.RESUME);
    }

    @POST
    @Path("/{batchId}/cancel")
    @Requires(Access.DEVELOPER)
    @Operation(summary = "Cancel a batch job", description = "Numbers not yet called are cancelled; calls in progress finish.")
    @APIResponse(responseCode = "202", description = "Sent to the scheduler")
    public Uni<Response> cancel(@PathParam("workspaceId") UUID workspaceId, @PathParam("batchId") UUID batchId) {
        return command(workspaceId, batchId, BatchCommand.Action.CANCEL);
    }

    private Uni<Response> command(UUID workspace, UUID batch, BatchCommand.Action action) {
        return batches.command(workspace, batch, action).map(b -> Response.accepted(b).build());
    }

    private NewBatch spec(String batch) {
        if (batch == null || batch.isBlank()) {
            throw ProblemException.invalid("batch", "required: the job as JSON in a form part named batch");
        }
        NewBatch spec;
        try {
            spec = json.readValue(batch, NewBatch.class);
        } catch (JsonProcessingException e) {
            throw ProblemException.invalid("batch", "not a NewBatch JSON object: " + e.getOriginalMessage());
        }
        var violations = validator.validate(spec);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        if (spec.items() != null) {
            throw ProblemException.invalid("batch.items", "give the numbers in the file");
        }
        return spec;
    }

    private static String region(NewBatch spec) {
        String region = spec.defaultRegion() == null ? "US" : spec.defaultRegion();
        if (!PhoneNumberUtil.getInstance().getSupportedRegions().contains(region)) {
            throw ProblemException.invalid("defaultRegion", "'" + region + "' is not a region with phone numbers");
        }
        return region;
    }
}
