package io.vaani.agent.livekit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This process's memory after a few garbage collections: Java heap in use and resident set (native included). */
public record Footprint(long heapBytes, long rssBytes) {

    public static Footprint now() throws IOException, InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        Runtime runtime = Runtime.getRuntime();
        long rss = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(line -> line.startsWith("VmRSS:"))
                .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")) * 1024)
                .findFirst().orElseThrow();
        return new Footprint(runtime.totalMemory() - runtime.freeMemory(), rss);
    }
}
