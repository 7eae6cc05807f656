package io.vaani.api.campaign;

import io.smallrye.mutiny.Uni;
import io.vaani.api.campaign.CampaignDtos.Campaign;
import io.vaani.api.campaign.CampaignDtos.CampaignSpec;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Campaigns made for a batch job: the same checks and pipeline as any campaign, started by the scheduler. */
@ApplicationScoped
public class OneShotCampaigns {
    private final Campaigns campaigns;

    OneShotCampaigns(Campaigns campaigns) {
        this.campaigns = campaigns;
    }

    /** In the caller's transaction; the campaign stays DRAFT until the job's START command reaches the scheduler. */
    public Uni<Campaign> create(SqlClient tx, UUID workspace, UUID id, CampaignSpec spec) {
        return campaigns.createOneShot(tx, workspace, id, spec);
    }
}
