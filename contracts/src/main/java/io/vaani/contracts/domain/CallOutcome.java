package io.vaani.contracts.domain;

/** How one call ended. Retryable outcomes go through the campaign's retry rules. */
public enum CallOutcome {
    /** The agent finished the conversation. */
    COMPLETED,
    /** The callee asked to be called back at another time. */
    CALLBACK,
    /** The callee opted out; the number joins the workspace's do-not-call list. */
    DNC,
    /** The agent transferred the call to a human. */
    TRANSFERRED,
    NO_ANSWER,
    BUSY,
    FAILED,
    VOICEMAIL,
    /** Answered, but no agent was free in time: the call was ended lawfully and counts for pacing. */
    ABANDONED,
    INVALID_NUMBER;

    public boolean retryable() {
        return switch (this) {
            case NO_ANSWER, BUSY, FAILED, VOICEMAIL, ABANDONED -> true;
            case COMPLETED, CALLBACK, DNC, TRANSFERRED, INVALID_NUMBER -> false;
        };
    }

    /** Whether the callee picked up (the denominator of the abandon rate). */
    public boolean answered() {
        return switch (this) {
            case COMPLETED, CALLBACK, DNC, TRANSFERRED, ABANDONED -> true;
            case NO_ANSWER, BUSY, FAILED, VOICEMAIL, INVALID_NUMBER -> false;
        };
    }
}
