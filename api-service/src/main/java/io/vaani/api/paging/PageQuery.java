package io.vaani.api.paging;

import io.vaani.api.problem.ProblemException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * {@code ?limit=&cursor=} of a list endpoint. Queries ask for {@link #fetch()} rows after
 * ({@link #afterTime()}, {@link #afterId()}), which is the start of the list without a cursor.
 */
public record PageQuery(int limit, Cursor after) {
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
        return new PageQuery(size, cursor == null || cursor.isBlank() ? START : Cursor.decode(cursor.strip()));
    }

    /** No cursor: the list's first page. */
    public boolean first() {
        return after.equals(START);
    }

    public int fetch() {
        return limit + 1;
    }

    public OffsetDateTime afterTime() {
        return after.at().atOffset(ZoneOffset.UTC);
    }

    public UUID afterId() {
        return after.id();
    }
}
