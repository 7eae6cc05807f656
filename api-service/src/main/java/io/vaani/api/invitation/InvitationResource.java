package io.vaani.api.invitation;

import io.smallrye.mutiny.Uni;
import io.vaani.api.invitation.InvitationDtos.CreatedInvitation;
import io.vaani.api.invitation.InvitationDtos.Invitation;
import io.vaani.api.invitation.InvitationDtos.NewInvitation;
import io.vaani.api.paging.Page;
import io.vaani.api.paging.PageQuery;
import io.vaani.api.rbac.Access;
import io.vaani.api.rbac.CurrentCaller;
import io.vaani.api.rbac.Requires;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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

@Path("/v1/workspaces/{workspaceId}/invitations")
@Tag(name = "Members")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class InvitationResource {
    private final Invitations invitations;
    private final CurrentCaller current;

    InvitationResource(Invitations invitations, CurrentCaller current) {
        this.invitations = invitations;
        this.current = current;
    }

    @POST
    @Requires(Access.ADMIN)
    @Operation(summary = "Invite someone by email", description = "Returns the one-time token to send them; it expires after "
            + "vaani.api.invitation-ttl (7 days). A new invitation to the same email replaces a pending one.")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = CreatedInvitation.class)))
    public Uni<Response> create(@PathParam("workspaceId") UUID workspaceId, @Valid @NotNull NewInvitation body) {
        return invitations.create(workspaceId, body, current.get().userId())
                .map(created -> Response.status(Response.Status.CREATED).entity(created).build());
    }

    @GET
    @Requires(Access.ADMIN)
    @Operation(summary = "List invitations, pending and past")
    public Uni<Page<Invitation>> list(@PathParam("workspaceId") UUID workspaceId, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return invitations.list(workspaceId, PageQuery.of(limit, cursor));
    }

    @DELETE
    @Path("/{invitationId}")
    @Requires(Access.ADMIN)
    @Operation(summary = "Revoke a pending invitation")
    @APIResponse(responseCode = "204", description = "Revoked")
    public Uni<Void> revoke(@PathParam("workspaceId") UUID workspaceId, @PathParam("invitationId") UUID invitationId) {
        return invitations.revoke(workspaceId, invitationId);
    }
}
