package io.vaani.api.workspace;

import io.smallrye.mutiny.Uni;
import io.vaani.api.paging.Page;
import io.vaani.api.paging.PageQuery;
import io.vaani.api.rbac.Access;
import io.vaani.api.rbac.CurrentCaller;
import io.vaani.api.rbac.Requires;
import io.vaani.api.workspace.WorkspaceDtos.NewWorkspace;
import io.vaani.api.workspace.WorkspaceDtos.Workspace;
import io.vaani.api.workspace.WorkspaceDtos.WorkspaceChanges;
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
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/workspaces")
@Tag(name = "Workspaces")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class WorkspaceResource {
    private final Workspaces workspaces;
    private final CurrentCaller current;

    WorkspaceResource(Workspaces workspaces, CurrentCaller current) {
        this.workspaces = workspaces;
        this.current = current;
    }

    @POST
    @Requires(Access.CALLER)
    @Operation(summary = "Create a workspace", description = "The signed-in user who creates it becomes its admin.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = Workspace.class)))
    @APIResponse(responseCode = "409", description = "The slug is taken")
    public Uni<Response> create(@Valid @NotNull NewWorkspace body, UriInfo uri) {
        UUID creator = current.get().person("create workspaces").userId();
        return workspaces.create(body, creator).map(w -> Response.created(uri.getAbsolutePathBuilder().path(w.id().toString())
                .build()).entity(w).build());
    }

    @GET
    @Requires(Access.CALLER)
    @Operation(summary = "List workspaces", description = "The caller's workspaces (every workspace for a superuser).")
    public Uni<Page<Workspace>> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return workspaces.list(current.get().caller(), PageQuery.of(limit, cursor));
    }

    @GET
    @Path("/{workspaceId}")
    @Requires(Access.MEMBER)
    @Operation(summary = "Get a workspace")
    public Uni<Workspace> get(@PathParam("workspaceId") UUID workspaceId) {
        return workspaces.get(workspaceId, current.get().workspaceRole());
    }

    @PATCH
    @Path("/{workspaceId}")
    @Requires(Access.ADMIN)
    @Operation(summary = "Change a workspace's name or call limit")
    public Uni<Workspace> update(@PathParam("workspaceId") UUID workspaceId, @Valid @NotNull WorkspaceChanges body) {
        return workspaces.update(workspaceId, body, current.get().workspaceRole());
    }

    @DELETE
    @Path("/{workspaceId}")
    @Requires(Access.ADMIN)
    @Operation(summary = "Delete a workspace and everything in it")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "A campaign is running")
    public Uni<Void> delete(@PathParam("workspaceId") UUID workspaceId) {
        return workspaces.delete(workspaceId);
    }
}
