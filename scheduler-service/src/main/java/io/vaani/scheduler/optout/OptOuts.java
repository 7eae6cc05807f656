package io.vaani.scheduler.optout;

import io.smallrye.mutiny.Uni;
import io.vaani.contracts.domain.CallOutcome;
import io.vaani.contracts.messages.CampaignChanged;
import io.vaani.scheduler.batch.BatchProgress;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A callee who asked not to be called again: the number joins the workspace's do-not-call list, and
 * every prospect of the workspace with that number leaves the hoppers and is never dialed again. A
 * prospect in a call right now becomes DNC when that call's outcome arrives.
 */
@Singleton
public class OptOuts {
    /** $1 workspace, $2 phone, $3 source, $4 reason. */
    static final String ADD = """
            insert into dnc_entries (workspace_id, phone, match, source, reason) values ($1, $2, 'EXACT', $3, $4)
            on conflict (workspace_id, phone, match) where workspace_id is not null do nothing""";

    /** $1 workspace, $2 phone. Hopper entries first: the dialer locks an entry before its prospect, and so do we. */
    static final String LEAVE_HOPPERS = """
            delete from hopper_entries h using prospects p
            where p.workspace_id = $1 and p.phone = $2 and h.prospect_id = p.id""";

    /** $1 workspace, $2 phone. Returns the prospects that became DNC. */
    static final String MARK = """
            update prospects p set status = 'DNC', claim_owner = null, lease_until = null, updated_at = now()
            where p.workspace_id = $1 and p.phone = $2 and p.status not in ('DIALING', 'DNC')
            returning p.id""";

    /** $1 prospects. */
    static final String CANCEL_CALLBACKS = """
            update callbacks set status = 'CANCELLED', updated_at = now(),
                   note = coalesce(note || '; ', '') || 'cancelled: the callee opted out'
            where prospect_id = any($1) and status = 'PENDING'""";

    private final BatchProgress batches;

    OptOuts(BatchProgress batches) {
        this.batches = batches;
    }

    /** Within the caller's transaction; returns the notices of batch campaigns this completed. */
    public Uni<List<CampaignChanged>> record(SqlConnection sql, UUID workspace, String phone, String source, String reason) {
        return sql.preparedQuery(ADD).execute(Tuple.of(workspace, phone, source, reason))
                .chain(() -> sql.preparedQuery(LEAVE_HOPPERS).execute(Tuple.of(workspace, phone)))
                .chain(() -> sql.preparedQuery(MARK).execute(Tuple.of(workspace, phone)))
                .chain(rows -> {
                    List<Long> marked = new ArrayList<>();
                    for (Row row : rows) {
                        marked.add(row.getLong(0));
                    }
                    if (marked.isEmpty()) {
                        return Uni.createFrom().item(List.<CampaignChanged>of());
                    }
                    Long[] ids = marked.toArray(Long[]::new);
                    return sql.preparedQuery(CANCEL_CALLBACKS).execute(Tuple.of(ids))
                            .chain(() -> batches.follow(sql, ids, true, CallOutcome.DNC.name(), null));
                });
    }
}
