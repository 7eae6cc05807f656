package io.vaani.contracts.domain;

/** Run state of a campaign; only RUNNING campaigns tick, fill hoppers and dial. */
public enum CampaignStatus {
    DRAFT, RUNNING, PAUSED, STOPPED, COMPLETED;

    public boolean dials() {
        return this == RUNNING;
    }
}
