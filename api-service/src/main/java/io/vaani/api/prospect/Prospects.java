package io.vaani.api.prospect;

import io.smallrye.mutiny.Uni;
import io.vaani.api.db.Rows;
import io.vaani.api.paging.Page;
import io.vaani.api.paging.PageQuery;
import io.vaani.api.problem.ProblemException;
import io.vaani.contracts.domain.ProspectStatus;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
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
        List<Object> values = new ArrayList<>(List.of(workspace));
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from prospects where workspace_id = $1");
        condition(sql, values, "campaign_id", filter.campaign());
        condition(sql, values, "list_id", filter.list());
        condition(sql, values, "status", filter.status() == null ? null : filter.status().name());
        condition(sql, values, "phone", filter.phone());
        condition(sql, values, "id >", page.afterSeq(false));
        sql.append(" order by id limit ").append(page.fetch());
        return pool.preparedQuery(sql.toString()).execute(Tuple.from(values))
                .map(rows -> Page.bySeq(Rows.map(rows, Prospects::prospect), page, Prospect::id));
    }

    private static void condition(StringBuilder sql, List<Object> values, String column, Object value) {
        if (value != null) {
            values.add(value);
            sql.append(" and ").append(column).append(column.endsWith(">") ? " $" : " = $").append(values.size());
        }
    }

    private static Prospect prospect(Row row) {
        return new Prospect(row.getLong("id"), row.getUUID("campaign_id"), row.getUUID("list_id"), row.getString("phone"),
                row.getString("first_name"), row.getString("last_name"), row.getString("tz"), row.getString("state"),
                row.getString("postal_code"), row.getJsonObject("variables").getMap(), ProspectStatus.valueOf(row.getString("status")),
                row.getInteger("attempts"), Rows.instant(row, "next_attempt_at"), row.getString("last_outcome"),
                row.getLong("last_call_log_id"), Rows.instant(row, "created_at"), Rows.instant(row, "updated_at"));
    }
}
