package io.vaani.dialer.telephony;

import io.vaani.contracts.agent.AgentJobMetadata;
import io.vaani.dialer.campaign.DialPlan;
import io.vaani.dialer.origination.ClaimedCall;

/** A claimed call and the campaign plan it is placed under. */
public record OutboundCall(ClaimedCall call, DialPlan plan) {

    public long id() {
        return call.callLogId();
    }

    /**
     * What the agent joining the call is told (LiveKit job metadata). An abandon carries the
     * profile too: the worker speaks the abandon message with the agent's voice.
     */
    public AgentJobMetadata job(AgentJobMetadata.Mode mode) {
        return new AgentJobMetadata(AgentJobMetadata.VERSION, call.callLogId(), call.workspaceId(), call.campaignId(),
                call.agentId(), call.prospectId(), call.phone(), mode,
                mode == AgentJobMetadata.Mode.ABANDON ? plan.abandonMessage() : null,
                AgentJobMetadata.variables(call.variablesJson()), plan.agentProfile());
    }
}
