package io.vaani.api.siptrunk;

import io.smallrye.mutiny.Uni;
import io.vaani.api.paging.Page;
import io.vaani.api.paging.PageQuery;
import io.vaani.api.rbac.Access;
import io.vaani.api.rbac.Requires;
import io.vaani.api.siptrunk.SipTrunkDtos.SipTrunk;
import io.vaani.api.siptrunk.SipTrunkDtos.SipTrunkSpec;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/workspaces/{workspaceId}/sip-trunks")
@Tag(name = "SIP trunks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SipTrunkResource {
    private final SipTrunks trunks;

    SipTrunkResource(SipTrunks trunks) {
        this.trunks = trunks;
    }

    @POST
    @Requires(Access.DEVELOPER)
    @Operation(summary = "Create a SIP trunk", description = "name, provider, address and numbers are required. With LiveKit "
            + "configured, the LiveKit outbound trunk is created too; if LiveKit refuses, nothing is stored (502).")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = SipTrunk.class)))
    public Uni<Response> create(@PathParam("workspaceId") UUID workspaceId, @Valid @NotNull SipTrunkSpec body) {
        return trunks.create(workspaceId, body).map(trunk -> Response.status(Response.Status.CREATED).entity(trunk).build());
    }

    @GET
    @Requires(Access.MEMBER)
    @Operation(summary = "List SIP trunks", description = "In creation order; passwords are never returned.")
    public Uni<Page<SipTrunk>> list(@PathParam("workspaceId") UUID workspaceId, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return trunks.list(workspaceId, PageQuery.of(limit, cursor));
    }

    @GET
    @Path("/{trunkId}")
    @Requires(Access.MEMBER)
    @Operation(summary = "Get a SIP trunk")
    public Uni<SipTrunk> get(@PathParam("workspaceId") UUID workspaceId, @PathParam("trunkId") UUID trunkId) {
        return trunks.get(workspaceId, trunkId);
    }

    @PATCH
    @Path("/{trunkId}")
    @Requires(Access.DEVELOPER)
    @Operation(summary = "Change a SIP trunk", description = "Absent fields stay as they are; auth given replaces both username "
            + "and password. The LiveKit trunk is updated in the same step.")
    public Uni<SipTrunk> change(@PathParam("workspaceId") UUID workspaceId, @PathParam("trunkId") UUID trunkId,
            @Valid @NotNull SipTrunkSpec body) {
        return trunks.change(workspaceId, trunkId, body);
    }

    @DELETE
    @Path("/{trunkId}")
    @Requires(Access.DEVELOPER)
    @Operation(summary = "Delete a SIP trunk", description = "Refused (409) while a campaign uses it; deletes the LiveKit trunk too.")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Uni<Void> delete(@PathParam("workspaceId") UUID workspaceId, @PathParam("trunkId") UUID trunkId) {
        return trunks.delete(workspaceId, trunkId);
    }
}
