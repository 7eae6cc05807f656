package io.vaani.api.chat;

import io.smallrye.mutiny.Uni;
import io.vaani.api.call.CallDtos.Turn;
import io.vaani.api.paging.Page;
import io.vaani.api.paging.PageQuery;
import io.vaani.api.paging.QueryParams;
import io.vaani.api.problem.ProblemException;
import io.vaani.api.rbac.Access;
import io.vaani.api.rbac.Requires;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/workspaces/{workspaceId}/chats")
@Tag(name = "Calls")
@Produces(MediaType.APPLICATION_JSON)
public class ChatResource {
    private final ChatLogs chats;

    ChatResource(ChatLogs chats) {
        this.chats = chats;
    }

    @GET
    @Requires(Access.MEMBER)
    @Operation(summary = "List conversation turns", description = "Chat logs newest first, of one call, one agent, or the workspace; "
            + "GET .../calls/{callId}/transcript gives one call's in order.")
    public Uni<Page<Turn>> list(@PathParam("workspaceId") UUID workspaceId, @QueryParam("callId") String callId,
            @QueryParam("agentId") String agentId, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return chats.list(workspaceId, callId(callId), QueryParams.uuid("agentId", agentId), PageQuery.of(limit, cursor));
    }

    private static Long callId(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("callId", "a call id (an integer)");
        }
    }
}
