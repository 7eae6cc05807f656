package io.vaani.contracts.dnc;

/**
 * How every service asks whether a number is on a do-not-call list, against dnc_entries: an exact
 * entry of the workspace or of the global list (workspace_id null), or a prefix entry (an area
 * code, say) of either, matched with LIKE patterns read once per statement.
 */
public final class DoNotCallSql {
    /** The workspace's ($1) and the global prefix entries, as LIKE patterns. */
    public static final String PREFIX_PATTERNS = "select phone || '%' from dnc_entries "
            + "where match = 'PREFIX' and (workspace_id = $1 or workspace_id is null)";

    private DoNotCallSql() {
    }

    /**
     * A predicate true when {@code phone} (an SQL expression) is on the workspace's
     * ({@code workspace}, a parameter) or the global list, or matches one of {@code prefixes} (a
     * text[] parameter holding {@link #PREFIX_PATTERNS}). Exact lookups use the partial unique
     * indexes of dnc_entries.
     */
    public static String onList(String phone, String workspace, String prefixes) {
        return "(exists (select 1 from dnc_entries d where d.workspace_id = " + workspace + " and d.phone = " + phone
                + " and d.match = 'EXACT')"
                + " or exists (select 1 from dnc_entries d where d.workspace_id is null and d.phone = " + phone
                + " and d.match = 'EXACT')"
                + " or " + phone + " like any(" + prefixes + "))";
    }
}
