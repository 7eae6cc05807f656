package io.vaani.agent.livekit;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** This process's memory after a few garbage collections: Java heap in use and resident set (native included). */
public record Footprint(long heapBytes, long rssBytes) {

    public static Footprint now() throws IOException {
        Runtime runtime = Runtime.getRuntime();
        // collect until the heap in use stops shrinking: what is left is live
        long[] used = { Long.MAX_VALUE };
        await().pollInterval(Duration.ofMillis(100)).atMost(Duration.ofSeconds(5)).until(() -> {
            System.gc();
            long now = runtime.totalMemory() - runtime.freeMemory();
            boolean settled = now >= used[0] * 0.99;
            used[0] = Math.min(used[0], now);
            return settled;
        });
        long rss = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(line -> line.startsWith("VmRSS:"))
                .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")) * 1024)
                .findFirst().orElseThrow();
        return new Footprint(runtime.totalMemory() - runtime.freeMemory(), rss);
    }
}
