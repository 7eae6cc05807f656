package io.vaani.api.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vaani.api.Api;
import io.vaani.api.Api.Person;
import io.vaani.api.ApiTest;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test (deploy/local/bench.sh api -DargLine=-Xmx384m): uploads prospect files of 1,000 and 1,000,000
 * rows through the API and prints rows per second and the heap's peak during each upload.
 */
@Tag("bench")
@QuarkusTest
@ApiTest
class ProspectUploadBench {
    static final int ROWS = Integer.getInteger("bench.rows", 1_000_000);
    private static final String[] STATES = { "NY", "CA", "TX", "FL", "IL", "WA" };
    private static final String[] AREAS = { "212", "415", "512", "305", "312", "206" };

    @TestHTTPResource("/")
    URL base;

    @Test
    void uploadAThousandThenAMillionRows() throws Exception {
        Person dev = Api.person("bench-upload");
        UUID workspace = Api.workspace(dev);
        UUID campaign = Api.campaign(workspace, dev);
        upload(dev, workspace, campaign, 1_000, 0);
        upload(dev, workspace, campaign, ROWS, 1_000);
    }

    private void upload(Person dev, UUID workspace, UUID campaign, int rows, int offset) throws Exception {
        Path file = Files.createTempFile("prospects", ".csv");
        try {
            write(file, rows, offset);
            System.gc();
            List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP).toList();
            long before = heap.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
            heap.forEach(MemoryPoolMXBean::resetPeakUsage);
            LiveHeap live = LiveHeap.watch(heap);
            long started = System.nanoTime();
            // curl sends the file from another process, so this JVM's heap is the server's alone.
            Process curl = new ProcessBuilder("curl", "-sS", "--fail-with-body", "-H", "Authorization: Bearer " + dev.token(),
                    "-F", "file=@" + file + ";type=text/csv", base + "v1/workspaces/" + workspace + "/campaigns/" + campaign + "/lists")
                    .redirectErrorStream(true).start();
            String body = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (curl.waitFor() != 0) {
                throw new AssertionError("upload failed: " + body);
            }
            Map<?, ?> result = new ObjectMapper().readValue(body, Map.class);
            double seconds = (System.nanoTime() - started) / 1e9;
            long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            long liveMax = live.stop();
            System.out.printf("BENCH upload rows=%d file=%.1fMB accepted=%s rejected=%s seconds=%.2f rows/s=%.0f heapBefore=%dMB "
                    + "peakHeap=%dMB maxLiveAfterGc=%dMB maxHeap=%dMB%n", rows, Files.size(file) / 1e6, result.get("accepted"),
                    result.get("rejected"), seconds, rows / seconds, before >> 20, peak >> 20, liveMax >> 20,
                    Runtime.getRuntime().maxMemory() >> 20);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /**
     * The heap a collection could not free, sampled while the upload runs: what the upload really
     * holds, unlike the raw peak, which is garbage the collector had no reason to reclaim yet.
     */
    private static final class LiveHeap {
        private final List<MemoryPoolMXBean> heap;
        private final AtomicLong max = new AtomicLong();
        private final Thread sampler;

        private LiveHeap(List<MemoryPoolMXBean> heap) {
            this.heap = heap;
            this.sampler = Thread.ofPlatform().daemon().start(this::sample);
        }

        static LiveHeap watch(List<MemoryPoolMXBean> heap) {
            return new LiveHeap(heap);
        }

        private void sample() {
            while (!Thread.currentThread().isInterrupted()) {
                long afterGc = heap.stream().map(MemoryPoolMXBean::getCollectionUsage).filter(u -> u != null)
                        .mapToLong(u -> u.getUsed()).sum();
                max.accumulateAndGet(afterGc, Math::max);
                LockSupport.parkNanos(20_000_000);
            }
        }

        long stop() {
            sampler.interrupt();
            return max.get();
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
