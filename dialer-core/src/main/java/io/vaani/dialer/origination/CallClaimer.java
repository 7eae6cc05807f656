package io.vaani.dialer.origination;

import io.smallrye.mutiny.Uni;
import io.vaani.contracts.dnc.DoNotCallSql;
import io.vaani.contracts.runtime.Instance;
import io.vaani.dialer.campaign.DialPlan;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
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

    /** Takes up to {@code count} of the campaign's hopper entries; the plan was read for this very tick. */
    public Uni<ClaimResult> claim(DialPlan plan, int count) {
        if (count <= 0) {
            return Uni.createFrom().item(new ClaimResult(List.of(), 0, 0));
        }
        UUID campaignId = plan.campaignId();
        UUID workspace = plan.workspaceId();
        int lease = plan.ringTimeoutSeconds() + (int) leaseMargin.toSeconds();
        String[] open = plan.window().openZones(clock.instant()).toArray(String[]::new);
        return pool.withTransaction(sql -> sql.preparedQuery(DoNotCallSql.PREFIX_PATTERNS).execute(Tuple.of(workspace))
                .map(p -> StreamSupport.stream(p.spliterator(), false).map(r -> r.getString(0)).toArray(String[]::new))
                .chain(prefixes -> sql.preparedQuery(ClaimQueries.CLAIM).execute(Tuple.from(Arrays.asList(campaignId, count,
                        instance.id(), lease, open, workspace, prefixes, plan.agentId(), plan.telephony().name()))))
                .map(rows -> {
                    List<ClaimedCall> calls = new ArrayList<>();
                    int doNotCall = 0;
                    int outsideWindow = 0;
                    for (Row row : rows) {
                        String skip = row.getString(5);
                        if (skip == null) {
                            calls.add(new ClaimedCall(row.getLong(0), row.getLong(1), workspace, campaignId, plan.agentId(),
                                    row.getString(2), row.getInteger(3), row.getString(4)));
                        } else if (skip.equals("DO_NOT_CALL")) {
                            doNotCall++;
                        } else {
                            outsideWindow++;
                        }
                    }
                    calls.sort(Comparator.comparingLong(ClaimedCall::callLogId));
                    return new ClaimResult(List.copyOf(calls), doNotCall, outsideWindow);
                }));
    }
}
