package io.vaani.api.prospect;

import io.smallrye.mutiny.Uni;
import io.vaani.api.paging.Page;
import io.vaani.api.paging.PageQuery;
import io.vaani.api.paging.QueryParams;
import io.vaani.api.rbac.Access;
import io.vaani.api.rbac.Requires;
import io.vaani.contracts.domain.ProspectStatus;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/workspaces/{workspaceId}/prospects")
@Tag(name = "Prospects")
@Produces(MediaType.APPLICATION_JSON)
public class ProspectResource {
    private final Prospects prospects;

    ProspectResource(Prospects prospects) {
        this.prospects = prospects;
    }

    @GET
    @Requires(Access.MEMBER)
    @Operation(summary = "Find prospects", description = "By campaign, list or number (at least one), optionally in one state; by id.")
    public Uni<Page<Prospect>> list(@PathParam("workspaceId") UUID workspaceId, @QueryParam("campaignId") String campaignId,
            @QueryParam("listId") String listId,
            @Parameter(description = "NEW, QUEUED, DIALING, ANSWERED, RETRY_WAIT, CALLBACK, COMPLETED, DNC or DONE")
            @QueryParam("status") String status,
            @Parameter(example = "+14155550123") @QueryParam("phone") String phone, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return prospects.list(workspaceId, new Prospects.Filter(QueryParams.uuid("campaignId", campaignId),
                QueryParams.uuid("listId", listId), QueryParams.named("status", status, ProspectStatus.class),
                QueryParams.phone("phone", phone)),
                PageQuery.of(limit, cursor));
    }
}
