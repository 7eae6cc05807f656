package io.vaani.api.campaign;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vaani.api.campaign.CampaignDtos.Campaign;
import io.vaani.api.campaign.CampaignDtos.CampaignSpec;
import io.vaani.api.campaign.Campaigns.Command;
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
import org.jboss.resteasy.reactive.RestStreamElementType;

@Path("/v1/workspaces/{workspaceId}/campaigns")
@Tag(name = "Campaigns")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CampaignResource {
    private final Campaigns campaigns;
    private final CampaignMonitor monitor;

    CampaignResource(Campaigns campaigns, CampaignMonitor monitor) {
        this.campaigns = campaigns;
        this.monitor = monitor;
    }

    @POST
    @Requires(Access.DEVELOPER)
    @Operation(summary = "Create a campaign", description = "name, slug and agentId are required; the campaign starts as DRAFT. "
            + "Defaults: SIMULATOR telephony, 5 s ticks, MANUAL pacing at ratio 1.0, 3% abandon target, US compliance, "
            + "09:00-20:00 Monday to Saturday, 3 attempts.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = Campaign.class)))
    public Uni<Response> create(@PathParam("workspaceId") UUID workspaceId, @Valid @NotNull CampaignSpec body) {
        return campaigns.create(workspaceId, body).map(c -> Response.status(Response.Status.CREATED).entity(c).build());
    }

    @GET
    @Requires(Access.MEMBER)
    @Operation(summary = "List campaigns", description = "In creation order; batch jobs' one-shot campaigns are not listed.")
    public Uni<Page<Campaign>> list(@PathParam("workspaceId") UUID workspaceId, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return campaigns.list(workspaceId, PageQuery.of(limit, cursor));
    }

    @GET
    @Path("/{campaignId}")
    @Requires(Access.MEMBER)
    @Operation(summary = "Get a campaign")
    public Uni<Campaign> get(@PathParam("workspaceId") UUID workspaceId, @PathParam("campaignId") UUID campaignId) {
        return campaigns.get(workspaceId, campaignId);
    }

    @PATCH
    @Path("/{campaignId}")
    @Requires(Access.DEVELOPER)
    @Operation(summary = "Change a campaign", description = "Absent fields stay as they are; a running campaign dials with the "
            + "change from its next tick. Deletes the vaani_data_{slug} cache and publishes campaign.changed.")
    public Uni<Campaign> change(@PathParam("workspaceId") UUID workspaceId, @PathParam("campaignId") UUID campaignId,
            @Valid @NotNull CampaignSpec body) {
        return campaigns.change(workspaceId, campaignId, body);
    }

    @DELETE
    @Path("/{campaignId}")
    @Requires(Access.DEVELOPER)
    @Operation(summary = "Delete a campaign", description = "With its lists and prospects; refused (409) while running or paused. "
            + "Call logs stay.")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Uni<Void> delete(@PathParam("workspaceId") UUID workspaceId, @PathParam("campaignId") UUID campaignId) {
        return campaigns.delete(workspaceId, campaignId);
    }

    @POST
    @Path("/{campaignId}/start")
    @Requires(Access.DEVELOPER)
    @Operation(summary = "Start a campaign", description = "From DRAFT, STOPPED or COMPLETED; dialing begins within one tick.")
    @APIResponse(responseCode = "409", description = "Not in a state it starts from, or LiveKit is not ready")
    public Uni<Campaign> start(@PathParam("workspaceId") UUID workspaceId, @PathParam("campaignId") UUID campaignId) {
        return campaigns.command(workspaceId, campaignId, Command.START);
    }

    @POST
    @Path("/{campaignId}/pause")
    @Requires(Access.DEVELOPER)
    @Operation(summary = "Pause a running campaign", description = "No new calls; calls in progress finish.")
    public Uni<Campaign> pause(@PathParam("workspaceId") UUID workspaceId, @PathParam("campaignId") UUID campaignId) {
        return campaigns.command(workspaceId, campaignId, Command.PAUSE);
    }

    @POST
    @Path("/{campaignId}/resume")
    @Requires(Access.DEVELOPER)
    @Operation(summary = "Resume a paused campaign")
    public Uni<Campaign> resume(@PathParam("workspaceId") UUID workspaceId, @PathParam("campaignId") UUID campaignId) {
        return campaigns.command(workspaceId, campaignId, Command.RESUME);
    }

    @POST
    @Path("/{campaignId}/stop")
    @Requires(Access.DEVELOPER)
    @Operation(summary = "Stop a campaign", description = "No new calls; calls in progress finish. It may be started again.")
    public Uni<Campaign> stop(@PathParam("workspaceId") UUID workspaceId, @PathParam("campaignId") UUID campaignId) {
        return campaigns.command(workspaceId, campaignId, Command.STOP);
    }

    @GET
    @Path("/{campaignId}/status")
    @Requires(Access.MEMBER)
    @Operation(summary = "A campaign's progress", description = "Prospects by state, hopper depth, live calls, the ratio dialed, "
            + "abandon rates today and over 30 days, calls per hour, and skips by reason.")
    public Uni<CampaignProgress> status(@PathParam("workspaceId") UUID workspaceId, @PathParam("campaignId") UUID campaignId) {
        return campaigns.get(workspaceId, campaignId).chain(monitor::progress);
    }

    @GET
    @Path("/{campaignId}/events")
    @Requires(Access.MEMBER)
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Watch a campaign's progress", description = "Server-sent events: the progress now, then every 2 s "
            + "(vaani.api.progress-interval), until the client disconnects.")
    public Multi<CampaignProgress> events(@PathParam("workspaceId") UUID workspaceId, @PathParam("campaignId") UUID campaignId) {
        Uni<Campaign> campaign = campaigns.get(workspaceId, campaignId);
        return campaign.toMulti().flatMap(c -> monitor.watch(c, campaign));
    }
}
