package io.vaani.api.db;

import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * A query whose conditions depend on which filters a request gave: each given filter adds
 * {@code and <test> $n} with its value, so each combination is a statement of its own (and walks
 * the index that fits it), while values stay parameters.
 */
public final class Filtered {
    private final StringBuilder sql;
    private final List<Object> values = new ArrayList<>();

    /** {@code select} through the first condition, whose value is {@code first} ($1). */
    public Filtered(String select, Object first) {
        this.sql = new StringBuilder(select);
        values.add(first);
    }

    /** Adds {@code and <test> $n} when the value is given; {@code test} ends with its operator ({@code "phone ="}). */
    public Filtered and(String test, Object value) {
        if (value != null) {
            values.add(value);
            sql.append(" and ").append(test).append(" $").append(values.size());
        }
        return this;
    }

    /** Adds a condition as written: for a literal the planner must see (never a caller's text). */
    public Filtered andLiteral(String condition) {
        sql.append(" and ").append(condition);
        return this;
    }

    public String sql(String tail) {
        return sql + " " + tail;
    }

    public Tuple values() {
        return Tuple.from(values);
    }
}
