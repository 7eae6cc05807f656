package io.vaani.agent.job;

import io.vaani.contracts.agent.AgentJobMetadata;
import io.vaani.contracts.agent.AgentJobMetadata.Mode;
import io.vaani.contracts.agent.AgentProfile;
import java.util.UUID;

/** The metadata the dialer puts on a dispatch, for tests that dispatch jobs. */
public final class CallMetadata {
    private CallMetadata() {
    }

    public static String json(long callLogId, Mode mode) {
        return json(callLogId, mode, null);
    }

    public static String json(long callLogId, Mode mode, AgentProfile agent) {
        return new AgentJobMetadata(AgentJobMetadata.VERSION, callLogId, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), 7,
                "+15551230000", mode, mode == Mode.ABANDON ? "Sorry, we will call back." : null,
                AgentJobMetadata.variables("{\"first_name\":\"Ada\"}"), agent).toJson();
    }
}
