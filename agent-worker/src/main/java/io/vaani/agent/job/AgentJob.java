package io.vaani.agent.job;

import io.vaani.contracts.agent.AgentJobMetadata;
import java.net.URI;

/**
 * A job LiveKit assigned to this worker: the room to join, with the token LiveKit issued for the
 * identity the worker chose when it accepted, and what the dialer said about the call.
 */
public record AgentJob(String id, String roomName, URI url, String token, String participantIdentity, AgentJobMetadata metadata) {

    /** Whether the job holds a conversation slot; an abandon message is short and does not. */
    public boolean conversation() {
        return metadata.mode() != AgentJobMetadata.Mode.ABANDON;
    }
}
