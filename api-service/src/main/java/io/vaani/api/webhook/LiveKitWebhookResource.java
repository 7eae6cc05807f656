package io.vaani.api.webhook;

import io.smallrye.mutiny.Uni;
import io.vaani.api.rbac.Access;
import io.vaani.api.rbac.Requires;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/webhooks/livekit")
@Tag(name = "Webhooks")
@Produces(MediaType.APPLICATION_JSON)
public class LiveKitWebhookResource {
    private final LiveKitWebhooks webhooks;

    LiveKitWebhookResource(LiveKitWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    @Schema(name = "WebhookReceipt")
    public record Receipt(@Schema(description = "PUBLISHED as a call event, IGNORED, or DUPLICATE of a delivery already handled")
            String result) {
    }

    @POST
    @Consumes({ "application/webhook+json", MediaType.APPLICATION_JSON })
    @Requires(Access.PUBLIC)
    @SecurityRequirements
    @Operation(summary = "Receive a LiveKit webhook", description = "Point LiveKit's webhook URL here. Each delivery is verified "
            + "with the LiveKit API key (401 otherwise), translated into call events on vaani.calls, and handled once per webhook id.")
    @APIResponse(responseCode = "200", description = "Handled")
    @APIResponse(responseCode = "401", description = "Missing or bad signature")
    public Uni<Receipt> receive(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String body) {
        return webhooks.receive(body, authorization).map(result -> new Receipt(result.name()));
    }
}
