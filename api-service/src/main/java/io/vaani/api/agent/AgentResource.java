package io.vaani.api.agent;

import io.smallrye.mutiny.Uni;
import io.vaani.api.agent.AgentDtos.Agent;
import io.vaani.api.agent.AgentDtos.AgentSpec;
import io.vaani.api.paging.Page;
import io.vaani.api.paging.PageQuery;
import io.vaani.api.rbac.Access;
import io.vaani.api.rbac.Requires;
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

@Path("/v1/workspaces/{workspaceId}/agents")
@Tag(name = "Agents")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AgentResource {
    private final Agents agents;

    AgentResource(Agents agents) {
        this.agents = agents;
    }

    @POST
    @Requires(Access.DEVELOPER)
    @Operation(summary = "Create an agent", description = "Absent fields take their defaults: OpenAI gpt-4o-mini, Deepgram nova-3, "
            + "ElevenLabs, the end-call, callback and opt-out tools, hang up on voicemail, 600 s calls.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = Agent.class)))
    public Uni<Response> create(@PathParam("workspaceId") UUID workspaceId, @Valid @NotNull AgentSpec body) {
        return agents.create(workspaceId, body).map(agent -> Response.status(Response.Status.CREATED).entity(agent).build());
    }

    @GET
    @Requires(Access.MEMBER)
    @Operation(summary = "List agents", description = "In creation order.")
    public Uni<Page<Agent>> list(@PathParam("workspaceId") UUID workspaceId, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return agents.list(workspaceId, PageQuery.of(limit, cursor));
    }

    @GET
    @Path("/{agentId}")
    @Requires(Access.MEMBER)
    @Operation(summary = "Get an agent")
    public Uni<Agent> get(@PathParam("workspaceId") UUID workspaceId, @PathParam("agentId") UUID agentId) {
        return agents.get(workspaceId, agentId);
    }

    @PATCH
    @Path("/{agentId}")
    @Requires(Access.DEVELOPER)
    @Operation(summary = "Change an agent", description = "Absent fields stay as they are; a group given (llm, tools, ...) "
            + "replaces the whole group. Calls already running keep the agent they started with.")
    public Uni<Agent> change(@PathParam("workspaceId") UUID workspaceId, @PathParam("agentId") UUID agentId,
            @Valid @NotNull AgentSpec body) {
        return agents.change(workspaceId, agentId, body);
    }

    @DELETE
    @Path("/{agentId}")
    @Requires(Access.DEVELOPER)
    @Operation(summary = "Delete an agent", description = "Refused (409) while a campaign or batch job uses it.")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Uni<Void> delete(@PathParam("workspaceId") UUID workspaceId, @PathParam("agentId") UUID agentId) {
        return agents.delete(workspaceId, agentId);
    }
}
