package io.vaani.api.prospectlist.csv;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.vaani.api.problem.Problem;
import io.vaani.api.problem.ProblemException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Reading CSV text in tests. */
final class Csv {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC);

    private Csv() {
    }

    static List<CsvRow> rows(String csv) {
        return rows(csv.getBytes(UTF_8));
    }

    static List<CsvRow> rows(byte[] csv) {
        return rows(new ByteArrayInputStream(csv), "US");
    }

    static List<CsvRow> rows(InputStream in, String region) {
        try (ProspectCsvReader reader = ProspectCsvReader.open(in, region, CLOCK)) {
            List<CsvRow> rows = new ArrayList<>();
            for (CsvRow row = reader.next(); row != null; row = reader.next()) {
                rows.add(row);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The only row of the file, a prospect. */
    static CsvRow.Prospect prospect(String csv) {
        List<CsvRow> rows = rows(csv);
        assertThat(rows).hasSize(1).first().isInstanceOf(CsvRow.Prospect.class);
        return (CsvRow.Prospect) rows.getFirst();
    }

    /** The only row of the file, rejected: its reason. */
    static String rejected(String csv) {
        List<CsvRow> rows = rows(csv);
        assertThat(rows).hasSize(1).first().isInstanceOf(CsvRow.Rejected.class);
        return ((CsvRow.Rejected) rows.getFirst()).reason();
    }

    /** The message of the 400 problem for the field "file" that opening the file throws. */
    static String refused(byte[] csv) {
        ProblemException e = catchThrowableOfType(ProblemException.class,
                () -> ProspectCsvReader.open(new ByteArrayInputStream(csv), "US", CLOCK));
        assertThat(e).as("the file is refused").isNotNull();
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.errors()).extracting(Problem.FieldError::field).containsExactly("file");
        return e.errors().getFirst().message();
    }

    static String refused(String csv) {
        return refused(csv.getBytes(UTF_8));
    }

    /** A stream of the chunks a supplier makes, up to its null: gigabytes of input without holding them. */
    static InputStream generated(Supplier<byte[]> chunks) {
        return new InputStream() {
            private byte[] chunk = new byte[0];
            private int pos;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                while (chunk != null && pos == chunk.length) {
                    chunk = chunks.get();
                    pos = 0;
                }
                if (chunk == null) {
                    return -1;
                }
                int n = Math.min(len, chunk.length - pos);
                System.arraycopy(chunk, pos, b, off, n);
                pos += n;
                return n;
            }
        };
    }
}
