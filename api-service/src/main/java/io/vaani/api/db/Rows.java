package io.vaani.api.db;

import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.pgclient.PgException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Small conveniences over the reactive PostgreSQL client. */
public final class Rows {
    private Rows() {
    }

    public static Optional<Row> first(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? Optional.of(it.next()) : Optional.empty();
    }

    public static <T> List<T> map(RowSet<Row> rows, Function<Row, T> mapper) {
        List<T> items = new ArrayList<>(rows.size());
        rows.forEach(row -> items.add(mapper.apply(row)));
        return items;
    }

    public static Instant instant(Row row, String column) {
        OffsetDateTime at = row.getOffsetDateTime(column);
        return at == null ? null : at.toInstant();
    }

    /** A foreign key still points at the row being deleted (or the row points at one that does not exist). */
    public static boolean referenced(Throwable failure) {
        return failure instanceof PgException pg && "23503".equals(pg.getSqlState());
    }

    /** A unique constraint (or unique index) named {@code constraint} refused the row. */
    public static boolean violates(Throwable failure, String constraint) {
        return failure instanceof PgException pg && "23505".equals(pg.getSqlState()) && constraint.equals(pg.getConstraint());
    }
}
