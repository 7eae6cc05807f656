package io.vaani.contracts.messages;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.vaani.contracts.topology.Exchanges;
import java.util.UUID;

/** A request for the scheduler, published on {@code vaani.schedule} as {@code schedule.<kind>}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = CallbackRequest.class, name = "callback"),
        @JsonSubTypes.Type(value = RetryRequest.class, name = "retry"),
        @JsonSubTypes.Type(value = OptOutRequest.class, name = "opt-out"),
        @JsonSubTypes.Type(value = BatchCommand.class, name = "batch") })
public sealed interface ScheduleRequest extends Message permits CallbackRequest, RetryRequest, OptOutRequest, BatchCommand {
    int VERSION = 1;

    UUID requestId();

    UUID workspaceId();

    String kind();

    @Override
    default String messageId() {
        return requestId().toString();
    }

    @Override
    default String exchange() {
        return Exchanges.SCHEDULE;
    }

    @Override
    default String routingKey() {
        return "schedule." + kind();
    }

    static void check(int version, String type, UUID requestId, UUID workspaceId) {
        Versions.check(version, VERSION, type);
        Versions.required(requestId, "requestId");
        Versions.required(workspaceId, "workspaceId");
    }
}
