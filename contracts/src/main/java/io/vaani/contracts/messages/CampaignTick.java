package io.vaani.contracts.messages;

import static io.vaani.contracts.messages.Versions.required;

import io.vaani.contracts.topology.Exchanges;
import java.time.Instant;
import java.util.UUID;

/** One beat of a running campaign's clock: every {@code dialer_interval} seconds. */
public record CampaignTick(int version, UUID campaignId, long seq, Instant at) implements Message {
    public static final int VERSION = 1;

    public CampaignTick {
        Versions.check(version, VERSION, "CampaignTick");
        required(campaignId, "campaignId");
        required(at, "at");
    }

    public static CampaignTick of(UUID campaignId, long seq, Instant at) {
        return new CampaignTick(VERSION, campaignId, seq, at);
    }

    @Override
    public String messageId() {
        return "tick:" + campaignId + ":" + seq;
    }

    @Override
    public String exchange() {
        return Exchanges.TICKS;
    }

    @Override
    public String routingKey() {
        return "campaign." + campaignId;
    }
}
