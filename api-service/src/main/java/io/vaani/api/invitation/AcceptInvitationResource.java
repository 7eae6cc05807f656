package io.vaani.api.invitation;

import io.smallrye.mutiny.Uni;
import io.vaani.api.invitation.InvitationDtos.Accepted;
import io.vaani.api.rbac.Access;
import io.vaani.api.rbac.CurrentCaller;
import io.vaani.api.rbac.Requires;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The invitee's side: outside any workspace path, since the invitee is not a member yet. */
@Path("/v1/invitations")
@Tag(name = "Members")
@Produces(MediaType.APPLICATION_JSON)
public class AcceptInvitationResource {
    private final Invitations invitations;
    private final CurrentCaller current;

    AcceptInvitationResource(Invitations invitations, CurrentCaller current) {
        this.invitations = invitations;
        this.current = current;
    }

    @POST
    @Path("/{token}/accept")
    @Requires(Access.CALLER)
    @Operation(summary = "Accept an invitation", description = "The signed-in user, whose email the invitation was sent to, "
            + "joins the workspace with the invitation's role.")
    @APIResponse(responseCode = "410", description = "Expired, revoked or already accepted")
    public Uni<Accepted> accept(@PathParam("token") String token) {
        return invitations.accept(token, current.get().person("accept invitations"));
    }
}
