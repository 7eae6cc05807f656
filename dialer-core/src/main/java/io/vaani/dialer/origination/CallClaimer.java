package io.vaani.dialer.origination;

import io.smallrye.mutiny.Uni;
import io.vaani.contracts.calling.CallingWindow;
import io.vaani.contracts.dnc.DoNotCallSql;
import io.vaani.contracts.domain.ComplianceProfile;
import io.vaani.contracts.runtime.Instance;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vaani.dialer.config.DialerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

/**
 * Turns hopper entries into calls to place, in one transaction: a prospect is DIALING under this
 * dialer's lease exactly when its call log exists, and a number that joined a do-not-call list or
 * whose calling hours closed after it was queued is never dialed (it goes back, and is counted).
 */
@ApplicationScoped
public class CallClaimer {
    private final Pool pool;
    private final Instance instance;
    private final Clock clock;
    private final Duration leaseMargin;

    @Inject
    CallClaimer(Pool pool, Instance instance, Clock clock, DialerConfig config) {
        this(pool, instance, clock, config.leaseMargin());
    }

    /** @param leaseMargin time a placed call may take to produce its first event, on top of its ring timeout */
    public CallClaimer(Pool pool, Instance instance, Clock clock, Duration leaseMargin) {
        this.pool = pool;
        this.instance = instance;
        this.clock = clock;
        this.leaseMargin = leaseMargin;
    }

    public Uni<ClaimResult> claim(UUID campaignId, int count) {
        if (count <= 0) {
            return Uni.createFrom().item(new ClaimResult(List.of(), 0, 0));
        }
        return pool.withTransaction(sql -> sql.preparedQuery(ClaimQueries.CAMPAIGN).execute(Tuple.of(campaignId))
                .chain(rows -> rows.rowCount() == 0
                        ? Uni.createFrom().item(new ClaimResult(List.of(), 0, 0))
                        : claim(sql, campaignId, count, rows.iterator().next())));
    }

    private Uni<ClaimResult> claim(SqlConnection sql, UUID campaignId, int count, Row campaign) {
        UUID workspace = campaign.getUUID(0);
        UUID agent = campaign.getUUID(1);
        String telephony = campaign.getString(2);
        CallingWindow window = CallingWindow.parse(campaign.getString(3), ComplianceProfile.valueOf(campaign.getString(4)));
        int lease = campaign.getInteger(5) + (int) leaseMargin.toSeconds();
        String[] open = window.openZones(clock.instant()).toArray(String[]::new);
        return sql.preparedQuery(DoNotCallSql.PREFIX_PATTERNS).execute(Tuple.of(workspace))
                .map(p -> StreamSupport.stream(p.spliterator(), false).map(r -> r.getString(0)).toArray(String[]::new))
                .chain(prefixes -> sql.preparedQuery(ClaimQueries.CLAIM).execute(Tuple.from(Arrays.asList(
                        campaignId, count, instance.id(), lease, open, workspace, prefixes, agent, telephony))))
                .map(rows -> {
                    List<ClaimedCall> calls = new ArrayList<>();
                    int doNotCall = 0;
                    int outsideWindow = 0;
                    for (Row row : rows) {
                        String skip = row.getString(5);
                        if (skip == null) {
                            calls.add(new ClaimedCall(row.getLong(0), row.getLong(1), workspace, campaignId, agent,
                                    row.getString(2), row.getInteger(3), row.getString(4)));
                        } else if (skip.equals("DO_NOT_CALL")) {
                            doNotCall++;
                        } else {
                            outsideWindow++;
                        }
                    }
                    calls.sort(Comparator.comparingLong(ClaimedCall::callLogId));
                    return new ClaimResult(List.copyOf(calls), doNotCall, outsideWindow);
                });
    }
}
