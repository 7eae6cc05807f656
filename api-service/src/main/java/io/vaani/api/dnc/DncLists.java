package io.vaani.api.dnc;

import io.smallrye.mutiny.Uni;
import io.vaani.api.db.Rows;
import io.vaani.api.dnc.DncDtos.DncEntry;
import io.vaani.api.dnc.DncDtos.Match;
import io.vaani.api.paging.Page;
import io.vaani.api.paging.PageQuery;
import io.vaani.api.paging.QueryParams;
import io.vaani.api.problem.ProblemException;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The do-not-call lists: a workspace's (scope = its id) and the platform's global one (scope null).
 * The hopper and the dialer check both before every dial (contracts' DoNotCallSql).
 */
@ApplicationScoped
class DncLists {
    private static final String COLUMNS = "id, phone, match, workspace_id is null as global, source, reason, created_at";
    /** Entries already there, or repeated in the batch, are skipped: the count of rows written is what was added. */
    private static final String ADD = """
            insert into dnc_entries (workspace_id, phone, match, source, reason)
            select $1, p, m, $2, r from unnest($3::text[], $4::text[], $5::text[]) as t(p, m, r)
            on conflict do nothing""";
    private static final String PAGE_WORKSPACE = "select " + COLUMNS + " from dnc_entries where workspace_id = $1 and id > $2 "
            + "order by id limit $3";
    private static final String PAGE_GLOBAL = "select " + COLUMNS + " from dnc_entries where workspace_id is null and $1::uuid is null "
            + "and id > $2 order by id limit $3";
    /**
     * The entries that block a number ($2): the number itself or one of its prefixes ($3, the number
     * included), on this list or (for a workspace) the global one. Each half walks its list's unique
     * index by phone, however long the lists.
     */
    private static final String BLOCKING = "select " + COLUMNS + " from dnc_entries "
            + "where workspace_id = $1 and phone = any($3) and (match = 'PREFIX' or phone = $2) "
            + "union all select " + COLUMNS + " from dnc_entries "
            + "where workspace_id is null and phone = any($3) and (match = 'PREFIX' or phone = $2) order by id";
    private static final String DELETE_WORKSPACE = "delete from dnc_entries where workspace_id = $1 and id = $2";
    private static final String DELETE_GLOBAL = "delete from dnc_entries where workspace_id is null and $1::uuid is null and id = $2";

    private final Pool pool;

    DncLists(Pool pool) {
        this.pool = pool;
    }

    /** Adds entries; answers how many were new. */
    Uni<Integer> add(UUID scope, List<DncNumbers.Entry> entries, List<String> reasons, String source) {
        return pool.preparedQuery(ADD).execute(Tuple.from(Arrays.asList(scope, source,
                entries.stream().map(DncNumbers.Entry::phone).toArray(String[]::new),
                entries.stream().map(e -> e.match().name()).toArray(String[]::new), reasons.toArray(String[]::new))))
                .map(rows -> rows.rowCount());
    }

    /** The list's entries by id; with a phone, only those that block it (global ones included for a workspace). */
    Uni<Page<DncEntry>> list(UUID scope, String phone, PageQuery page) {
        String number = QueryParams.phone("phone", phone);
        if (number != null) {
            return pool.preparedQuery(BLOCKING).execute(Tuple.of(scope, number, DncNumbers.prefixes(number).toArray(String[]::new)))
                    .map(rows -> new Page<>(Rows.map(rows, DncLists::entry), null));
        }
        return pool.preparedQuery(scope == null ? PAGE_GLOBAL : PAGE_WORKSPACE)
                .execute(Tuple.of(scope, page.afterSeq(false), page.fetch()))
                .map(rows -> Page.bySeq(Rows.map(rows, DncLists::entry), page, DncEntry::id));
    }

    Uni<Void> delete(UUID scope, long id) {
        return pool.preparedQuery(scope == null ? DELETE_GLOBAL : DELETE_WORKSPACE).execute(Tuple.of(scope, id)).invoke(rows -> {
            if (rows.rowCount() == 0) {
                throw ProblemException.notFound("do-not-call entry " + id);
            }
        }).replaceWithVoid();
    }

    private static DncEntry entry(Row row) {
        Match match = Match.valueOf(row.getString("match"));
        String phone = row.getString("phone") + (match == Match.PREFIX ? "*" : "");
        return new DncEntry(row.getLong("id"), phone, match, row.getBoolean("global"), row.getString("source"),
                row.getString("reason"), Rows.instant(row, "created_at"));
    }
}
