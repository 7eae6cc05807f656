package io.vaani.api.db;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import java.io.IOException;
import java.time.Duration;

/**
 * One transaction driven from a worker thread, statement by statement, for work that reads a
 * stream (an uploaded file) between statements: committed when the work returns, rolled back when
 * it throws, its connection given back either way.
 */
public final class BlockingTransaction {
    /** The longest wait for a connection, the transaction's start, its end, or one short statement. */
    public static final Duration SHORT = Duration.ofSeconds(30);

    /** The work, on the transaction's connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(SqlConnection sql) throws IOException;
    }

    private BlockingTransaction() {
    }

    public static <T> T run(Pool pool, Work<T> work) throws IOException {
        SqlConnection sql = pool.getConnection().await().atMost(SHORT);
        try {
            Transaction tx = sql.begin().await().atMost(SHORT);
            try {
                T result = work.run(sql);
                tx.commit().await().atMost(SHORT);
                return result;
            } catch (IOException | RuntimeException e) {
                tx.rollback().await().atMost(SHORT);
                throw e;
            }
        } finally {
            sql.close().await().atMost(SHORT);
        }
    }
}
