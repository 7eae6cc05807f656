package io.vaani.api.apikey;

import io.smallrye.mutiny.Uni;
import io.vaani.api.apikey.ApiKeyDtos.ApiKey;
import io.vaani.api.apikey.ApiKeyDtos.CreatedApiKey;
import io.vaani.api.apikey.ApiKeyDtos.NewApiKey;
import io.vaani.api.config.ApiConfig;
import io.vaani.api.paging.Page;
import io.vaani.api.paging.PageQuery;
import io.vaani.api.problem.ProblemException;
import io.vaani.api.rbac.Access;
import io.vaani.api.rbac.CurrentCaller;
import io.vaani.api.rbac.Grant;
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

@Path("/v1/workspaces/{workspaceId}/api-keys")
@Tag(name = "API keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ApiKeyResource {
    private final ApiKeys keys;
    private final CurrentCaller current;
    private final ApiConfig config;

    ApiKeyResource(ApiKeys keys, CurrentCaller current, ApiConfig config) {
        this.keys = keys;
        this.current = current;
        this.config = config;
    }

    @POST
    @Requires(Access.DEVELOPER)
    @Operation(summary = "Create an API key", description = "Use it as Authorization: Bearer vk_...; it is shown once. "
            + "Its role is at most the creator's.")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = CreatedApiKey.class)))
    public Uni<Response> create(@PathParam("workspaceId") UUID workspaceId, @Valid @NotNull NewApiKey body) {
        Grant grant = current.get();
        grant.mayHandle(body.role(), "create API keys");
        if (body.rateLimitPerMinute() != null && body.rateLimitPerMinute() > config.rateLimit().maxPerMinute()) {
            throw ProblemException.invalid("rateLimitPerMinute", "must be at most " + config.rateLimit().maxPerMinute());
        }
        return keys.create(workspaceId, body, grant.userId())
                .map(created -> Response.status(Response.Status.CREATED).entity(created).build());
    }

    @GET
    @Requires(Access.MEMBER)
    @Operation(summary = "List API keys", description = "Names, prefixes and use; never the keys.")
    public Uni<Page<ApiKey>> list(@PathParam("workspaceId") UUID workspaceId, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return keys.list(workspaceId, PageQuery.of(limit, cursor));
    }

    @DELETE
    @Path("/{keyId}")
    @Requires(Access.DEVELOPER)
    @Operation(summary = "Revoke an API key", description = "It fails from the next request on.")
    @APIResponse(responseCode = "204", description = "Revoked")
    public Uni<Void> revoke(@PathParam("workspaceId") UUID workspaceId, @PathParam("keyId") UUID keyId) {
        Grant grant = current.get();
        return keys.role(workspaceId, keyId).invoke(role -> grant.mayHandle(role, "revoke API keys"))
                .chain(() -> keys.revoke(workspaceId, keyId));
    }
}
