package io.vaani.hopper.fill;

import io.smallrye.mutiny.Uni;
import io.vaani.contracts.dnc.DoNotCallSql;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.StreamSupport;

/** What a fill and a census read about a campaign before they start, inside or outside a transaction. */
final class CampaignReads {
    private CampaignReads() {
    }

    static Uni<Optional<CampaignSettings>> settings(SqlClient sql, UUID campaignId) {
        return sql.preparedQuery(HopperQueries.SETTINGS).execute(Tuple.of(campaignId)).map(rows -> rows.rowCount() == 0
                ? Optional.empty() : Optional.of(CampaignSettings.from(rows.iterator().next())));
    }

    /** The workspace's and the global do-not-call prefixes, as LIKE patterns. */
    static Uni<String[]> doNotCallPrefixes(SqlClient sql, UUID workspaceId) {
        return sql.preparedQuery(DoNotCallSql.PREFIX_PATTERNS).execute(Tuple.of(workspaceId))
                .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(r -> r.getString(0)).toArray(String[]::new));
    }
}
