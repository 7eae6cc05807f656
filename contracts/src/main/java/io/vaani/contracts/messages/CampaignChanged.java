package io.vaani.contracts.messages;

import static io.vaani.contracts.messages.Versions.required;

import io.vaani.contracts.domain.CampaignStatus;
import io.vaani.contracts.topology.Exchanges;
import java.time.Instant;
import java.util.UUID;

/** A campaign's configuration or run state changed: refresh caches, clocks and hoppers. */
public record CampaignChanged(int version, UUID eventId, UUID campaignId, UUID workspaceId, String slug,
        CampaignStatus status, Change change, Instant at) implements Message {
    public static final int VERSION = 1;
    public static final String ROUTING_KEY = "campaign.changed";

    public enum Change {
        CREATED, UPDATED, STATUS, DELETED
    }

    public CampaignChanged {
        Versions.check(version, VERSION, "CampaignChanged");
        required(eventId, "eventId");
        required(campaignId, "campaignId");
        required(workspaceId, "workspaceId");
        required(status, "status");
        required(change, "change");
        required(at, "at");
    }

    public static CampaignChanged of(UUID campaignId, UUID workspaceId, String slug, CampaignStatus status,
            Change change, Instant at) {
        return new CampaignChanged(VERSION, UUID.randomUUID(), campaignId, workspaceId, slug, status, change, at);
    }

    @Override
    public String messageId() {
        return eventId.toString();
    }

    @Override
    public String exchange() {
        return Exchanges.CAMPAIGNS;
    }

    @Override
    public String routingKey() {
        return ROUTING_KEY;
    }
}
