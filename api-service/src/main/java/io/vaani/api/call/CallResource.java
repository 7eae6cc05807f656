package io.vaani.api.call;

import io.smallrye.mutiny.Uni;
import io.vaani.api.call.CallDtos.Call;
import io.vaani.api.call.CallDtos.CallStatus;
import io.vaani.api.call.CallDtos.Recording;
import io.vaani.api.call.CallDtos.Transcript;
import io.vaani.api.paging.Page;
import io.vaani.api.paging.PageQuery;
import io.vaani.api.paging.QueryParams;
import io.vaani.api.rbac.Access;
import io.vaani.api.rbac.Requires;
import io.vaani.contracts.domain.CallOutcome;
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

@Path("/v1/workspaces/{workspaceId}/calls")
@Tag(name = "Calls")
@Produces(MediaType.APPLICATION_JSON)
public class CallResource {
    private final Calls calls;
    private final Recordings recordings;

    CallResource(Calls calls, Recordings recordings) {
        this.calls = calls;
        this.recordings = recordings;
    }

    @GET
    @Requires(Access.MEMBER)
    @Operation(summary = "List calls", description = "Newest first; filters combine.")
    public Uni<Page<Call>> list(@PathParam("workspaceId") UUID workspaceId, @QueryParam("campaignId") String campaignId,
            @Parameter(description = "DIALING, RINGING, ANSWERED or ENDED") @QueryParam("status") String status,
            @Parameter(description = "COMPLETED, CALLBACK, DNC, TRANSFERRED, NO_ANSWER, BUSY, FAILED, VOICEMAIL, ABANDONED or INVALID_NUMBER")
            @QueryParam("outcome") String outcome,
            @Parameter(description = "Placed at or after (ISO-8601)", example = "2026-11-24T00:00:00Z") @QueryParam("from") String from,
            @Parameter(description = "Placed before (ISO-8601)") @QueryParam("to") String to,
            @Parameter(example = "+14155550123") @QueryParam("phone") String phone, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        Calls.Filter filter = new Calls.Filter(QueryParams.uuid("campaignId", campaignId), QueryParams.named("status", status, CallStatus.class),
                QueryParams.named("outcome", outcome, CallOutcome.class), QueryParams.instant("from", from), QueryParams.instant("to", to),
                QueryParams.phone("phone", phone));
        return calls.list(workspaceId, filter, PageQuery.of(limit, cursor));
    }

    @GET
    @Path("/{callId}")
    @Requires(Access.MEMBER)
    @Operation(summary = "Get a call")
    public Uni<Call> get(@PathParam("workspaceId") UUID workspaceId, @PathParam("callId") long callId) {
        return calls.get(workspaceId, callId);
    }

    @GET
    @Path("/{callId}/recording")
    @Requires(Access.MEMBER)
    @Operation(summary = "Get a call's recording", description = "A pre-signed URL of the Ogg/Opus file, valid for an hour "
            + "(vaani.api.recordings.url-ttl); 404 while the call has none.")
    public Uni<Recording> recording(@PathParam("workspaceId") UUID workspaceId, @PathParam("callId") long callId) {
        return calls.recordingKey(workspaceId, callId).map(recordings::url);
    }

    @GET
    @Path("/{callId}/transcript")
    @Requires(Access.MEMBER)
    @Operation(summary = "Get a call's transcript", description = "Its turns in order, each as spoken: an interrupted turn holds "
            + "what was played.")
    public Uni<Transcript> transcript(@PathParam("workspaceId") UUID workspaceId, @PathParam("callId") long callId) {
        return calls.transcript(workspaceId, callId);
    }
}
