package io.vaani.api.paging;

import io.vaani.api.problem.ProblemException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * {@code ?limit=&cursor=} of a list endpoint. Lists in creation order ask for {@link #fetch()} rows
 * after ({@link #afterTime()}, {@link #afterId()}); lists keyed by a bigint identity after (or, newest
 * first, before) {@link #afterSeq}. Without a cursor, both start at the list's beginning.
 */
public record PageQuery(int limit, String cursor) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;
    private static final Cursor START = new Cursor(Instant.EPOCH, new UUID(0, 0));

    public static PageQuery of(String limit, String cursor) {
        int size = DEFAULT_LIMIT;
        if (limit != null && !limit.isBlank()) {
            try {
                size = Integer.parseInt(limit.strip());
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 1 || size > MAX_LIMIT) {
                throw ProblemException.invalid("limit", "must be an integer between 1 and " + MAX_LIMIT);
            }
        }
        return new PageQuery(size, cursor == null || cursor.isBlank() ? null : cursor.strip());
    }

    /** No cursor: the list's first page. */
    public boolean first() {
        return cursor == null;
    }

    public int fetch() {
        return limit + 1;
    }

    public OffsetDateTime afterTime() {
        return after().at().atOffset(ZoneOffset.UTC);
    }

    public UUID afterId() {
        return after().id();
    }

    /** The id after which the page starts: 0 forwards, {@link Long#MAX_VALUE} newest first, at the start. */
    public long afterSeq(boolean newestFirst) {
        return cursor == null ? (newestFirst ? Long.MAX_VALUE : 0) : SeqCursor.decode(cursor);
    }

    private Cursor after() {
        return cursor == null ? START : Cursor.decode(cursor);
    }
}
