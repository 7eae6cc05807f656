package io.vaani.dialer.telephony;

import io.smallrye.mutiny.Uni;
import io.vaani.contracts.agent.AgentJobMetadata;
import io.vaani.contracts.domain.Telephony;
import io.vaani.dialer.campaign.DialPlan;
import java.util.Optional;

/** Where calls are placed: LiveKit SIP or the simulated network. */
public interface TelephonyAdapter {

    Telephony kind();

    /** Why this adapter cannot place the campaign's calls now (missing configuration), if it cannot. */
    Optional<String> unusable(DialPlan plan);

    /** Agent slots the workers serving the plan's agent offer in all. */
    Uni<Integer> agentCapacity(DialPlan plan);

    /** Places the call; completes when the callee picks up or the call fails, never with an exception. */
    Uni<DialResult> dial(OutboundCall call);

    /** Hands an answered call to the campaign's agent, which reports the call's outcome when it ends. */
    Uni<Void> connectAgent(OutboundCall call, AgentJobMetadata job);

    /** Hangs up an answered call that neither an agent nor the abandon message could take. */
    Uni<Void> hangUp(OutboundCall call);

    /** Ends an answered call no agent can take: the callee hears the campaign's abandon message, then the call hangs up. */
    Uni<Void> abandon(OutboundCall call, AgentJobMetadata job);
}
