package io.vaani.contracts.domain;

/**
 * The prospect state machine (ARCHITECTURE.md §3). QUEUED and DIALING are claims: a row in either
 * state always carries an owner and a lease expiry.
 */
public enum ProspectStatus {
    NEW, QUEUED, DIALING, ANSWERED, RETRY_WAIT, CALLBACK, COMPLETED, DNC, DONE;

    public boolean claimed() {
        return this == QUEUED || this == DIALING;
    }

    public boolean dialable() {
        return this == NEW || this == RETRY_WAIT || this == CALLBACK;
    }

    public boolean terminal() {
        return this == COMPLETED || this == DNC || this == DONE;
    }
}
