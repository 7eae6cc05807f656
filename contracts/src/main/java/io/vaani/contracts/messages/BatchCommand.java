package io.vaani.contracts.messages;

import java.time.Instant;
import java.util.UUID;

/** Start, pause, resume or cancel a batch job (a one-shot campaign). */
public record BatchCommand(int version, UUID requestId, UUID workspaceId, UUID batchJobId, Action action, Instant at)
        implements ScheduleRequest {

    public enum Action {
        START, PAUSE, RESUME, CANCEL
    }

    public BatchCommand {
        ScheduleRequest.check(version, "BatchCommand", requestId, workspaceId);
        Versions.required(batchJobId, "batchJobId");
        Versions.required(action, "action");
        Versions.required(at, "at");
    }

    @Override
    public String kind() {
        return "batch";
    }
}
