package io.vaani.api.paging;

import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of a list; {@code nextCursor} fetches the next, and is null on the last page. */
public record Page<T>(List<T> items, @Schema(nullable = true, examples = "MTczMjQ0ODAwMDAwMDAwMDo5ZjQ...") String nextCursor) {

    /**
     * The page from rows fetched with {@link PageQuery#fetch()} (one more than asked): the extra row only
     * says that another page exists, and the last row shown gives the cursor.
     */
    public static <T> Page<T> of(List<T> fetched, PageQuery query, Function<T, Cursor> position) {
        if (fetched.size() <= query.limit()) {
            return new Page<>(fetched, null);
        }
        List<T> items = fetched.subList(0, query.limit());
        return new Page<>(List.copyOf(items), position.apply(items.getLast()).encode());
    }

    /** As {@link #of}, for lists walked by a bigint identity. */
    public static <T> Page<T> bySeq(List<T> fetched, PageQuery query, ToLongFunction<T> id) {
        if (fetched.size() <= query.limit()) {
            return new Page<>(fetched, null);
        }
        List<T> items = fetched.subList(0, query.limit());
        return new Page<>(List.copyOf(items), SeqCursor.encode(id.applyAsLong(items.getLast())));
    }
}
