package io.vaani.api.prospectlist;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.vaani.api.campaign.CampaignAnnouncer;
import io.vaani.api.paging.Page;
import io.vaani.api.paging.PageQuery;
import io.vaani.api.paging.QueryParams;
import io.vaani.api.problem.ProblemException;
import io.vaani.api.prospectlist.ProspectListDtos.ListChanges;
import io.vaani.api.prospectlist.ProspectListDtos.ProspectList;
import io.vaani.api.prospectlist.ProspectListDtos.Upload;
import io.vaani.api.rbac.Access;
import io.vaani.api.rbac.Requires;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
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

@Path("/v1/workspaces/{workspaceId}/campaigns/{campaignId}/lists")
@Tag(name = "Prospect lists")
@Produces(MediaType.APPLICATION_JSON)
public class ProspectListResource {
    /** What browsers and spreadsheets label a CSV file with. */
    private static final Set<String> CSV_TYPES = Set.of("text/csv", "text/plain", "application/csv", "text/comma-separated-values",
            "application/vnd.ms-excel", "application/octet-stream");
    private static final Duration ANNOUNCE = Duration.ofSeconds(10);

    private final ProspectLists lists;
    private final CampaignAnnouncer announcer;

    ProspectListResource(ProspectLists lists, CampaignAnnouncer announcer) {
        this.lists = lists;
        this.announcer = announcer;
    }

    /** The form, for the OpenAPI document. */
    @Schema(name = "ProspectListForm")
    public record Form(@Schema(type = SchemaType.STRING, format = "binary", description = "CSV, UTF-8: a phone column (phone, number or "
            + "phone_number); optional first_name, last_name, timezone, state, postal_code, not_before; other columns become "
            + "prospect variables", required = true) String file,
            @Schema(description = "The file's name when absent") String name,
            @Schema(description = "-1000 to 1000; higher lists are dialed first", defaultValue = "0") Integer priority,
            @Schema(defaultValue = "true") Boolean active,
            @Schema(description = "ISO-8601; the list's prospects are not dialed after it") String expiresAt) {
    }

    @POST
    @Blocking
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Requires(Access.DEVELOPER)
    @Operation(summary = "Upload a prospect list", description = "Numbers are normalised to E.164 with the campaign's default "
            + "region; time zones come from the timezone column, else the number (and state or postal code where the number "
            + "spans zones); a prospect whose zone stays unknown is stored but never dialed. Valid rows are kept, invalid ones "
            + "reported by line, duplicates (in the file or the campaign) counted and dropped. The list is created whole or not at all.")
    @RequestBody(content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA, schema = @Schema(implementation = Form.class)))
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = Upload.class)))
    @APIResponse(responseCode = "400", description = "No file, a file that is not a prospect CSV, or no valid row")
    @APIResponse(responseCode = "415", description = "Not a multipart form, or the file is not CSV")
    public Response upload(@PathParam("workspaceId") UUID workspaceId, @PathParam("campaignId") UUID campaignId,
            @RestForm("file") FileUpload file, @RestForm("name") String name, @RestForm("priority") String priority,
            @RestForm("active") String active, @RestForm("expiresAt") String expiresAt) throws IOException {
        if (file == null || file.uploadedFile() == null) {
            throw ProblemException.invalid("file", "required: the CSV file as a form part named file");
        }
        String type = file.contentType() == null ? "application/octet-stream" : file.contentType().toLowerCase(Locale.ROOT).split(";")[0].strip();
        if (!CSV_TYPES.contains(type)) {
            throw ProblemException.of(Response.Status.UNSUPPORTED_MEDIA_TYPE, "file: " + type + " is not CSV; upload a .csv file (text/csv)");
        }
        String listName = name == null || name.isBlank() ? file.fileName() : name.strip();
        if (listName == null || listName.isBlank() || listName.length() > 200) {
            throw ProblemException.invalid("name", "1 to 200 characters");
        }
        ProspectLists.Form form = new ProspectLists.Form(listName, priority(priority), flag(active),
                expiresAt == null || expiresAt.isBlank() ? null : QueryParams.instant("expiresAt", expiresAt), file.fileName());
        Upload upload;
        try (InputStream in = Files.newInputStream(file.uploadedFile())) {
            upload = lists.upload(workspaceId, campaignId, form, in);
        }
        announcer.changed(workspaceId, campaignId).await().atMost(ANNOUNCE);
        return Response.status(Response.Status.CREATED).entity(upload).build();
    }

    @GET
    @Requires(Access.MEMBER)
    @Operation(summary = "List a campaign's prospect lists", description = "In creation order, with each upload's counts.")
    public Uni<Page<ProspectList>> list(@PathParam("workspaceId") UUID workspaceId, @PathParam("campaignId") UUID campaignId,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return lists.list(workspaceId, campaignId, PageQuery.of(limit, cursor));
    }

    @GET
    @Path("/{listId}")
    @Requires(Access.MEMBER)
    @Operation(summary = "Get a prospect list")
    public Uni<ProspectList> get(@PathParam("workspaceId") UUID workspaceId, @PathParam("campaignId") UUID campaignId,
            @PathParam("listId") UUID listId) {
        return lists.get(workspaceId, campaignId, listId);
    }

    @PATCH
    @Path("/{listId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(Access.DEVELOPER)
    @Operation(summary = "Change a prospect list", description = "Rename, reprioritise, (de)activate or set its expiry; the hopper "
            + "follows from its next fill.")
    public Uni<ProspectList> change(@PathParam("workspaceId") UUID workspaceId, @PathParam("campaignId") UUID campaignId,
            @PathParam("listId") UUID listId, @Valid @NotNull ListChanges body) {
        return lists.change(workspaceId, campaignId, listId, body).call(() -> announcer.changed(workspaceId, campaignId));
    }

    private static int priority(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            int priority = Integer.parseInt(value.strip());
            if (priority >= -1000 && priority <= 1000) {
                return priority;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.invalid("priority", "an integer from -1000 to 1000");
    }

    private static boolean flag(String value) {
        if (value == null || value.isBlank()) {
            return true;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ProblemException.invalid("active", "true or false");
        };
    }
}
