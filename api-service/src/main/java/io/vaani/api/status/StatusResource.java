package io.vaani.api.status;

import io.smallrye.health.SmallRyeHealth;
import io.smallrye.health.SmallRyeHealthReporter;
import io.smallrye.mutiny.Uni;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/")
@Tag(name = "Status")
public class StatusResource {
    private final SmallRyeHealthReporter health;
    private final String service;
    private final String version;
    private final Instant startedAt = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());

    StatusResource(SmallRyeHealthReporter health,
            @ConfigProperty(name = "quarkus.application.name") String service,
            @ConfigProperty(name = "quarkus.application.version") String version) {
        this.health = health;
        this.service = service;
        this.version = version;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @SecurityRequirements
    @Operation(summary = "Health summary", description = "The readiness of the API and of each server it uses.")
    @APIResponse(responseCode = "200", description = "Every check is UP",
            content = @Content(schema = @Schema(implementation = StatusSummary.class)))
    @APIResponse(responseCode = "503", description = "At least one check is DOWN",
            content = @Content(schema = @Schema(implementation = StatusSummary.class)))
    public Uni<Response> summary() {
        return health.getReadinessAsync().map(this::toResponse);
    }

    private Response toResponse(SmallRyeHealth readiness) {
        JsonObject payload = readiness.getPayload();
        List<StatusSummary.Check> checks = payload.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .map(c -> new StatusSummary.Check(c.getString("name"), c.getString("status"), data(c)))
                .toList();
        Instant now = Instant.now();
        StatusSummary summary = new StatusSummary(service, version, payload.getString("status"), startedAt,
                Duration.between(startedAt, now).toSeconds(), checks);
        return Response.status(readiness.isDown() ? Response.Status.SERVICE_UNAVAILABLE : Response.Status.OK)
                .entity(summary).build();
    }

    private static Map<String, Object> data(JsonObject check) {
        JsonObject data = check.getJsonObject("data");
        if (data == null) {
            return Map.of();
        }
        Map<String, Object> values = new LinkedHashMap<>();
        data.forEach((key, value) -> values.put(key, switch (value.getValueType()) {
            case STRING -> data.getString(key);
            case NUMBER -> data.getJsonNumber(key).numberValue();
            case TRUE -> true;
            case FALSE -> false;
            default -> value.toString();
        }));
        return values;
    }
}
