package io.vaani.api.member;

import io.smallrye.mutiny.Uni;
import io.vaani.api.paging.Page;
import io.vaani.api.paging.PageQuery;
import io.vaani.api.rbac.Access;
import io.vaani.api.rbac.CurrentCaller;
import io.vaani.api.rbac.Grant;
import io.vaani.api.rbac.Requires;
import io.vaani.contracts.domain.WorkspaceRole;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/workspaces/{workspaceId}/members")
@Tag(name = "Members")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MemberResource {
    private final Members members;
    private final CurrentCaller current;

    MemberResource(Members members, CurrentCaller current) {
        this.members = members;
        this.current = current;
    }

    @GET
    @Requires(Access.MEMBER)
    @Operation(summary = "List the workspace's members")
    public Uni<Page<Member>> list(@PathParam("workspaceId") UUID workspaceId, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return members.list(workspaceId, PageQuery.of(limit, cursor));
    }

    @PATCH
    @Path("/{userId}")
    @Requires(Access.ADMIN)
    @Operation(summary = "Change a member's role", description = "Takes effect on the member's next request.")
    @APIResponse(responseCode = "409", description = "The last admin cannot be demoted")
    public Uni<Member> update(@PathParam("workspaceId") UUID workspaceId, @PathParam("userId") UUID userId,
            @Valid @NotNull Member.Changes body) {
        return members.changeRole(workspaceId, userId, body.role());
    }

    @DELETE
    @Path("/{userId}")
    @Requires(Access.MEMBER)
    @Operation(summary = "Remove a member", description = "Admins remove anyone; any member may leave.")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "409", description = "The last admin cannot be removed")
    public Uni<Void> remove(@PathParam("workspaceId") UUID workspaceId, @PathParam("userId") UUID userId) {
        Grant grant = current.get();
        if (!userId.equals(grant.userId())) {
            grant.require(WorkspaceRole.ADMIN, "remove other members");
        }
        return members.remove(workspaceId, userId);
    }
}
