package io.vaani.api.status;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the dashboards read at {@code GET /}: is the API up, and is each server it needs. */
@Schema(description = "Health summary of the API service")
public record StatusSummary(
        @Schema(examples = "api-service") String service,
        @Schema(examples = "0.1.0-SNAPSHOT") String version,
        @Schema(description = "UP when every readiness check is UP", enumeration = { "UP", "DOWN" }) String status,
        Instant startedAt,
        long uptimeSeconds,
        List<Check> checks) {

    @Schema(description = "One readiness check")
    public record Check(
            @Schema(examples = "RabbitMQ connection") String name,
            @Schema(enumeration = { "UP", "DOWN" }) String status,
            Map<String, Object> data) {
    }
}
