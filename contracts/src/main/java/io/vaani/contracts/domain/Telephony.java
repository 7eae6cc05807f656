package io.vaani.contracts.domain;

/** Where a campaign's calls are placed. */
public enum Telephony {
    /** CreateSIPParticipant on the campaign's outbound trunk. */
    LIVEKIT,
    /** The built-in virtual phone network. */
    SIMULATOR
}
