package io.vaani.api.prospectlist.csv;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Files too big to hold, generated as they are read. */
class ProspectCsvStreamingTest {
    private static final int MIB = 1024 * 1024;

    /** A 10 MiB line between two rows, made of one reused 8 KiB chunk. */
    private static InputStream fileWithAHugeLine() {
        byte[] x = new byte[8192];
        Arrays.fill(x, (byte) 'x');
        List<byte[]> head = List.of("phone,Note\n2125550123,before\n2125550124,".getBytes(UTF_8));
        byte[] tail = "\r\n\n2125550125,after\n".getBytes(UTF_8);
        int chunks = 10 * MIB / x.length;
        return Csv.generated(new Supplier<>() {
            private int next;

            @Override
            public byte[] get() {
                int i = next++;
                if (i < head.size()) {
                    return head.get(i);
                }
                i -= head.size();
                return i < chunks ? x : i == chunks ? tail : null;
            }
        });
    }

    @Test
    void aTenMegabyteLineIsRejectedAndTheRowsAroundItSurvive() {
        List<CsvRow> rows = Csv.rows(fileWithAHugeLine(), "US");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).isInstanceOf(CsvRow.Prospect.class).extracting(CsvRow::line).isEqualTo(2L);
        assertThat(rows.get(1)).isEqualTo(new CsvRow.Rejected(3, "record longer than 65536 bytes"));
        assertThat(rows.get(2)).isInstanceOf(CsvRow.Prospect.class).extracting(CsvRow::line).isEqualTo(5L);
        assertThat(((CsvRow.Prospect) rows.get(2)).variables()).containsEntry("Note", "after");
    }

    @Test
    void aTenMegabyteLineIsNotHeld() throws IOException {
        var threads = ManagementFactory.getThreadMXBean();
        assumeTrue(threads instanceof com.sun.management.ThreadMXBean t && t.isThreadAllocatedMemorySupported());
        var allocations = (com.sun.management.ThreadMXBean) threads;
        allocations.setThreadAllocatedMemoryEnabled(true);
        Csv.rows("phone\n2125550123\n"); // loads the phone number metadata
        try (var reader = ProspectCsvReader.open(fileWithAHugeLine(), "US", Csv.CLOCK)) {
            long before = allocations.getCurrentThreadAllocatedBytes();
            List<CsvRow> rows = new ArrayList<>();
            for (CsvRow row = reader.next(); row != null; row = reader.next()) {
                rows.add(row);
            }
            long allocated = allocations.getCurrentThreadAllocatedBytes() - before;
            assertThat(rows).hasSize(3);
            assertThat(allocated).as("bytes allocated while reading").isLessThan(MIB);
        }
    }

    @Test
    void rowsDoNotDependOnHowTheStreamIsChunked() {
        byte[] file = ("\uFEFFphone,first_name,Note\r\n2125550123,\"Ada\",\"a,\"\"b\"\"\r\nc\"\r\r\n"
                + "2125550124, Bob ,\"x\" y\r2125550125,\"open\n").getBytes(UTF_8);
        List<CsvRow> whole = Csv.rows(file);
        assertThat(whole).extracting(CsvRow::line).containsExactly(2L, 5L, 6L);
        int[] next = {0};
        List<CsvRow> byteByByte = Csv.rows(Csv.generated(() -> next[0] < file.length ? new byte[] {file[next[0]++]} : null), "US");
        assertThat(byteByByte).isEqualTo(whole);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS) // about two seconds
    void twoHundredThousandRowsStream() throws IOException {
        int total = 200_000;
        int perChunk = 1000;
        String[] areas = {"212", "312", "415", "617", "713"};
        InputStream in = Csv.generated(new Supplier<>() {
            private int row;

            @Override
            public byte[] get() {
                if (row == 0) {
                    row++;
                    return "phone,first_name,last_name,state,Plan,Note\r\n".getBytes(UTF_8);
                }
                if (row > total) {
                    return null;
                }
                var chunk = new StringBuilder(perChunk * 64);
                for (int end = Math.min(row + perChunk, total + 1); row < end; row++) {
                    chunk.append(areas[row % areas.length]).append("555").append(Integer.toString(10_000 + row % 10_000), 1, 5)
                            .append(",Ada").append(row).append(",\"Love, lace\",,Gold,\"said \"\"hi\"\"\"\r\n");
                }
                return chunk.toString().getBytes(UTF_8);
            }
        });
        long prospects = 0;
        long lastLine = 0;
        try (var reader = ProspectCsvReader.open(in, "US", Csv.CLOCK)) {
            for (CsvRow row = reader.next(); row != null; row = reader.next()) {
                if (row instanceof CsvRow.Prospect p && p.timezone() != null && p.lastName().equals("Love, lace")) {
                    prospects++;
                }
                lastLine = row.line();
            }
        }
        assertThat(prospects).isEqualTo(total);
        assertThat(lastLine).isEqualTo(total + 1);
    }
}
