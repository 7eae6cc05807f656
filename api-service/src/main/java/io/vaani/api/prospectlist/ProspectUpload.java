package io.vaani.api.prospectlist;

import io.vaani.api.prospectlist.csv.CsvRow;
import io.vaani.api.prospectlist.csv.ProspectCsvReader;
import io.vaani.api.problem.Problem;
import io.vaani.api.problem.ProblemException;
import io.vaani.api.upload.LineError;
import io.vaani.api.upload.LineErrors;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;

/**
 * One file's prospects written into one list, a thousand rows per statement, inside the caller's
 * transaction: memory holds one batch and the first errors, whatever the file's size. Duplicates
 * (within the file or the campaign) are the rows the unique index turned away.
 */
final class ProspectUpload {
    static final int BATCH = 1000;
    private static final Duration STATEMENT_TIMEOUT = Duration.ofMinutes(2);
    private static final String INSERT = """
            insert into prospects (workspace_id, campaign_id, list_id, phone, first_name, last_name, tz, state, postal_code,
                                   variables, next_attempt_at)
            select $1, $2, $3, p, f, l, z, s, c, v::jsonb, coalesce(n::timestamptz, now())
            from unnest($4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[])
                 as t(p, f, l, z, s, c, v, n)
            on conflict (campaign_id, phone) do nothing
            returning tz is null""";

    /** What the file gave. */
    record Counts(long accepted, long rejected, long duplicates, long unknownZone, List<LineError> errors) {
    }

    private final SqlConnection sql;
    private final UUID workspace;
    private final UUID campaign;
    private final UUID list;
    private final List<CsvRow.Prospect> batch = new ArrayList<>(BATCH);
    private final LineErrors errors = new LineErrors();
    private long read;
    private long accepted;
    private long unknownZone;

    ProspectUpload(SqlConnection sql, UUID workspace, UUID campaign, UUID list) {
        this.sql = sql;
        this.workspace = workspace;
        this.campaign = campaign;
        this.list = list;
    }

    Counts write(InputStream file, String region, Clock clock) throws IOException {
        try (ProspectCsvReader reader = ProspectCsvReader.open(file, region, clock)) {
            for (CsvRow row = reader.next(); row != null; row = reader.next()) {
                switch (row) {
                    case CsvRow.Prospect prospect -> add(prospect);
                    case CsvRow.Rejected bad -> errors.reject(bad.line(), bad.reason());
                }
            }
        }
        flush();
        if (read == 0) {
            List<Problem.FieldError> lines = errors.first().stream().map(e -> new Problem.FieldError("line " + e.line(), e.reason()))
                    .toList();
            throw ProblemException.invalid("file", errors.rejected() == 0 ? "no prospect rows after the header"
                    : "no valid prospect rows (" + errors.rejected() + " rejected)", lines);
        }
        return new Counts(accepted, errors.rejected(), read - accepted, unknownZone, errors.first());
    }

    private void add(CsvRow.Prospect prospect) {
        batch.add(prospect);
        read++;
        if (batch.size() == BATCH) {
            flush();
        }
    }

    private void flush() {
        if (batch.isEmpty()) {
            return;
        }
        int size = batch.size();
        String[][] columns = new String[8][size];
        for (int i = 0; i < size; i++) {
            CsvRow.Prospect p = batch.get(i);
            columns[0][i] = p.phone();
            columns[1][i] = p.firstName();
            columns[2][i] = p.lastName();
            columns[3][i] = p.timezone();
            columns[4][i] = p.state();
            columns[5][i] = p.postalCode();
            columns[6][i] = new JsonObject(new LinkedHashMap<>(p.variables())).encode();
            columns[7][i] = p.notBefore() == null ? null : p.notBefore().toString();
        }
        Tuple values = Tuple.of(workspace, campaign, list);
        for (String[] column : columns) {
            values.addArrayOfString(column);
        }
        // One row back per prospect written; a duplicate writes none, so its zone is not counted.
        RowSet<Row> inserted = sql.preparedQuery(INSERT).execute(values).await().atMost(STATEMENT_TIMEOUT);
        accepted += inserted.size();
        inserted.forEach(row -> unknownZone += row.getBoolean(0) ? 1 : 0);
        batch.clear();
    }
}
