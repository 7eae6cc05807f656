package io.vaani.api.bench;

import static io.vaani.api.Api.as;

import io.quarkus.test.junit.QuarkusTest;
import io.vaani.api.Api;
import io.vaani.api.Api.Person;
import io.vaani.api.ApiTest;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test (deploy/local/bench.sh api): uploads prospect files of 1,000 and 1,000,000
 * rows through the API and prints rows per second and the heap's peak during each upload.
 */
@Tag("bench")
@QuarkusTest
@ApiTest
class ProspectUploadBench {
    static final int ROWS = Integer.getInteger("bench.rows", 1_000_000);
    private static final String[] STATES = { "NY", "CA", "TX", "FL", "IL", "WA" };
    private static final String[] AREAS = { "212", "415", "512", "305", "312", "206" };

    @Test
    void uploadAThousandThenAMillionRows() throws Exception {
        Person dev = Api.person("bench-upload");
        UUID workspace = Api.workspace(dev);
        UUID campaign = Api.campaign(workspace, dev);
        upload(dev, workspace, campaign, 1_000, 0);
        upload(dev, workspace, campaign, ROWS, 1_000);
    }

    private static void upload(Person dev, UUID workspace, UUID campaign, int rows, int offset) throws IOException {
        Path file = Files.createTempFile("prospects", ".csv");
        try {
            write(file, rows, offset);
            System.gc();
            List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP).toList();
            long before = heap.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
            heap.forEach(MemoryPoolMXBean::resetPeakUsage);
            long started = System.nanoTime();
            Map<String, Object> result = as(dev).contentType("multipart/form-data").multiPart("file", file.toFile(), "text/csv")
                    .post("/v1/workspaces/{w}/campaigns/{c}/lists", workspace, campaign).then().statusCode(201).extract().as(Map.class);
            double seconds = (System.nanoTime() - started) / 1e9;
            long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            System.out.printf("BENCH upload rows=%d file=%.1fMB accepted=%s rejected=%s seconds=%.2f rows/s=%.0f heapBefore=%dMB peakHeap=%dMB%n",
                    rows, Files.size(file) / 1e6, result.get("accepted"), result.get("rejected"), seconds, rows / seconds,
                    before >> 20, peak >> 20);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Valid US numbers over six area codes, with names, a state and two variables. */
    private static void write(Path file, int rows, int offset) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("phone,first_name,last_name,state,policy,amount_due\n");
            for (int i = offset; i < offset + rows; i++) {
                int area = i % AREAS.length;
                int line = i / AREAS.length;
                out.write("(" + AREAS[area] + ") " + (200 + line / 10_000 % 800) + "-" + String.format("%04d", line % 10_000) + ",Ada"
                        + i + ",Lovelace," + STATES[area] + ",P-" + i + "," + (i % 500) + ".00\n");
            }
        }
    }
}
