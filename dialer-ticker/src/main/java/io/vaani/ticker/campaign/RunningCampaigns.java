package io.vaani.ticker.campaign;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** The campaigns that should tick and how often: RUNNING ones (campaigns_running_idx). */
@Singleton
public class RunningCampaigns {
    private static final String RUNNING = "select id, dialer_interval from campaigns where status = 'RUNNING'";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Pool pool;

    RunningCampaigns(Pool pool) {
        this.pool = pool;
    }

    /** Blocking: called from the ticker's round thread. */
    public Map<UUID, Duration> intervals() {
        Map<UUID, Duration> intervals = new HashMap<>();
        for (Row row : pool.query(RUNNING).execute().await().atMost(TIMEOUT)) {
            intervals.put(row.getUUID(0), Duration.ofSeconds(row.getInteger(1)));
        }
        return intervals;
    }
}
