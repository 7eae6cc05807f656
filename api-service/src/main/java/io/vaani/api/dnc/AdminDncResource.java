package io.vaani.api.dnc;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.vaani.api.dnc.DncDtos.DncAdd;
import io.vaani.api.dnc.DncDtos.DncAdded;
import io.vaani.api.dnc.DncDtos.DncEntry;
import io.vaani.api.paging.Page;
import io.vaani.api.paging.PageQuery;
import io.vaani.api.rbac.Access;
import io.vaani.api.rbac.Requires;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/admin/dnc")
@Tag(name = "Platform administration")
@Produces(MediaType.APPLICATION_JSON)
public class AdminDncResource {
    private final DncUploads uploads;
    private final DncLists lists;

    AdminDncResource(DncUploads uploads, DncLists lists) {
        this.uploads = uploads;
        this.lists = lists;
    }

    @POST
    @Blocking
    @Consumes({ MediaType.APPLICATION_JSON, DncUploads.CSV })
    @Requires(Access.SUPERUSER)
    @Operation(summary = "Block numbers for every workspace", description = "The global list, checked before every dial of "
            + "every workspace. JSON (every entry valid, or 400 naming it) or CSV (number[,reason] per "
            + "line, optional header; bad lines reported, the others added). Numbers already blocked count as duplicates.")
    @RequestBody(content = { @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DncAdd.class)),
            @Content(mediaType = DncUploads.CSV, example = "phone,reason\n+14155550100,asked not to be called\n+1212*,area code") })
    public DncAdded add(@HeaderParam(HttpHeaders.CONTENT_TYPE) String type,
            InputStream body) throws IOException {
        return uploads.add(null, type, body, "API");
    }

    @GET
    @Requires(Access.SUPERUSER)
    @Operation(summary = "List or check the global list", description = "With phone, the global entries that block it; "
            + "without, the global entries by id.")
    public Uni<Page<DncEntry>> list(
            @Parameter(description = "E.164 number to check", example = "+14155550100") @QueryParam("phone") String phone,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return lists.list(null, phone, PageQuery.of(limit, cursor));
    }

    @DELETE
    @Path("/{entryId}")
    @Requires(Access.SUPERUSER)
    @Operation(summary = "Unblock a global entry")
    public Uni<Void> delete(@PathParam("entryId") long entryId) {
        return lists.delete(null, entryId);
    }
}
