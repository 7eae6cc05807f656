package io.vaani.agent.room;

import livekit.LivekitModels.ParticipantInfo;

/** What LiveKit says a participant is; a phone caller joins through LiveKit SIP as {@code SIP}. */
public enum ParticipantKind {
    STANDARD, INGRESS, EGRESS, SIP, AGENT, OTHER;

    static ParticipantKind of(ParticipantInfo.Kind kind) {
        return switch (kind) {
            case STANDARD -> STANDARD;
            case INGRESS -> INGRESS;
            case EGRESS -> EGRESS;
            case SIP -> SIP;
            case AGENT -> AGENT;
            default -> OTHER;
        };
    }
}
