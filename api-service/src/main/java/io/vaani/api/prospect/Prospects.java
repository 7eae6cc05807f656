package io.vaani.api.prospect;

import io.smallrye.mutiny.Uni;
import io.vaani.api.db.Filtered;
import io.vaani.api.db.Rows;
import io.vaani.api.paging.Page;
import io.vaani.api.paging.PageQuery;
import io.vaani.api.problem.ProblemException;
import io.vaani.contracts.domain.ProspectStatus;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Prospects by id within a campaign, a list or a number, optionally of one state. Each filter
 * combination gets its own statement, so each walks its own index (contracts/README.md).
 */
@ApplicationScoped
class Prospects {
    private static final String COLUMNS = "id, campaign_id, list_id, phone, first_name, last_name, tz, state, postal_code, "
            + "variables, status, attempts, next_attempt_at, last_outcome, last_call_log_id, created_at, updated_at";

    /** The query's filters; at least one of campaign, list or phone, which bound the rows walked. */
    record Filter(UUID campaign, UUID list, ProspectStatus status, String phone) {
        Filter {
            if (campaign == null && list == null && phone == null) {
                throw ProblemException.invalid("campaignId", "give campaignId, listId or phone");
            }
        }
    }

    private final Pool pool;

    Prospects(Pool pool) {
        this.pool = pool;
    }

    Uni<Page<Prospect>> list(UUID workspace, Filter filter, PageQuery page) {
        Filtered query = new Filtered("select " + COLUMNS + " from prospects where workspace_id = $1", workspace)
                .and("campaign_id =", filter.campaign())
                .and("list_id =", filter.list())
                .and("status =", filter.status() == null ? null : filter.status().name())
                .and("phone =", filter.phone())
                .and("id >", page.afterSeq(false));
        return pool.preparedQuery(query.sql("order by id limit " + page.fetch())).execute(query.values())
                .map(rows -> Page.bySeq(Rows.map(rows, Prospects::prospect), page, Prospect::id));
    }

    private static Prospect prospect(Row row) {
        return new Prospect(row.getLong("id"), row.getUUID("campaign_id"), row.getUUID("list_id"), row.getString("phone"),
                row.getString("first_name"), row.getString("last_name"), row.getString("tz"), row.getString("state"),
                row.getString("postal_code"), row.getJsonObject("variables").getMap(), ProspectStatus.valueOf(row.getString("status")),
                row.getInteger("attempts"), Rows.instant(row, "next_attempt_at"), row.getString("last_outcome"),
                row.getLong("last_call_log_id"), Rows.instant(row, "created_at"), Rows.instant(row, "updated_at"));
    }
}
