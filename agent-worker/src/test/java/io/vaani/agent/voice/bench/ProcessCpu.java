package io.vaani.agent.voice.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * CPU time of this process from /proc, per thread, so native threads (libwebrtc's) count too, and
 * of the children it has reaped (espeak-ng). Threads are sampled every 200 ms so that those ending
 * during a step (a call's) keep their time. They are put on a side by the thread ids a side's
 * constructor created (its webrtc factories' native threads), else by their name.
 */
final class ProcessCpu {
    /** Linux reports thread and process times in clock ticks of 10 ms. */
    private static final double TICK_SECONDS = 0.01;
    static final String AGENT = "agent";
    static final String STAND_INS = "stand-ins";

    /** CPU seconds over a step: the process's, its reaped children's, and by side and by thread name. */
    record Usage(double wallSeconds, double process, double children, Map<String, Double> bySide, Map<String, Double> byName) {
    }

    private final Map<Integer, String> sideOfThread = new HashMap<>();

    /** Runs {@code create} and puts the threads it started on {@code side}. */
    <T> T created(String side, Supplier<T> create) {
        Set<Integer> before = threadIds();
        T created = create.get();
        threadIds().stream().filter(id -> !before.contains(id)).forEach(id -> sideOfThread.put(id, side));
        return created;
    }

    Tracker track() {
        return new Tracker();
    }

    /** Follows the threads from its start until {@link #stop()}. */
    final class Tracker {
        private final long startNanos = System.nanoTime();
        private final double[] processAtStart = processSeconds();
        private final Map<Integer, Double> first = new ConcurrentHashMap<>();
        private final Map<Integer, Double> last = new ConcurrentHashMap<>();
        private final Map<Integer, String> names = new ConcurrentHashMap<>();
        private final Thread sampler;

        private Tracker() {
            sample(true);
            sampler = Thread.ofPlatform().daemon().name("bench-cpu").start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    LockSupport.parkNanos(200_000_000L);
                    sample(false);
                }
            });
        }

        private void sample(boolean atStart) {
            for (int id : threadIds()) {
                double used = threadSeconds(id);
                if (used >= 0) {
                    first.putIfAbsent(id, atStart ? used : 0.0);
                    last.put(id, used);
                    names.computeIfAbsent(id, ProcessCpu::name);
                }
            }
        }

        Usage stop() {
            sampler.interrupt();
            sample(false);
            double[] process = processSeconds();
            Map<String, Double> bySide = new LinkedHashMap<>();
            for (String side : new String[] {AGENT, STAND_INS, "webrtc peers (both ends)", "jvm (gc, jit)", "other"}) {
                bySide.put(side, 0.0);
            }
            Map<String, Double> byName = new HashMap<>();
            double seen = 0;
            for (Map.Entry<Integer, Double> thread : last.entrySet()) {
                double used = thread.getValue() - first.get(thread.getKey());
                bySide.merge(side(thread.getKey(), names.get(thread.getKey())), used, Double::sum);
                byName.merge(names.get(thread.getKey()).replaceAll("[-#_ ]?\\d+$", ""), used, Double::sum);
                seen += used;
            }
            bySide.put("threads too short to sample", Math.max(0, process[0] - processAtStart[0] - seen));
            Map<String, Double> top = byName.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(8)
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
            return new Usage((System.nanoTime() - startNanos) / 1e9, process[0] - processAtStart[0], process[1] - processAtStart[1],
                    bySide, top);
        }
    }

    private String side(int id, String name) {
        String side = sideOfThread.get(id);
        return side != null ? side : sideByName(name);
    }

    /**
     * The agent's Java threads: virtual threads' carriers (its call loops, VAD, STT/TTS clients, the local
     * model), the audio pacer, its HTTP clients; the stand-ins' (LiveKit, the Deepgram server, S3Proxy):
     * Vert.x, Jetty and the callers' pacer. Native threads started after the factories (per peer
     * connection) cannot be told apart: each call has one peer on each end.
     */
    static String sideByName(String name) {
        if (name.startsWith("ForkJoinPool") || name.startsWith("audio-pacer") || name.startsWith("room-timers")
                || name.startsWith("stt-keep-alive") || name.startsWith("HttpClient") || name.startsWith("job-") || name.startsWith("audio-in-")) {
            return AGENT;
        }
        if (name.startsWith("vert.x") || name.startsWith("stand-in-pacer") || name.startsWith("qtp") || name.startsWith("S3Proxy")) {
            return STAND_INS;
        }
        if (name.startsWith("C1 ") || name.startsWith("C2 ") || name.startsWith("GC ") || name.startsWith("G1 ") || name.startsWith("VM ")) {
            return "jvm (gc, jit)";
        }
        return name.startsWith("java") || name.startsWith("main") || name.startsWith("bench-") ? "other" : "webrtc peers (both ends)";
    }

    private static String name(int id) {
        try {
            return Files.readString(Path.of("/proc/self/task/" + id + "/comm")).strip();
        } catch (IOException e) {
            return "?";
        }
    }

    private static Set<Integer> threadIds() {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            return tasks.map(task -> Integer.parseInt(task.getFileName().toString())).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A thread's user and system time; -1 once it has ended. */
    private static double threadSeconds(int id) {
        String[] fields = fields(Path.of("/proc/self/task/" + id + "/stat"));
        return fields == null ? -1 : seconds(fields, 11) + seconds(fields, 12);
    }

    /** The process's own time and its reaped children's. */
    private static double[] processSeconds() {
        String[] fields = fields(Path.of("/proc/self/stat"));
        return new double[] {seconds(fields, 11) + seconds(fields, 12), seconds(fields, 13) + seconds(fields, 14)};
    }

    /** The fields after the command name (which may hold spaces): index 0 is field 3, the state. */
    private static String[] fields(Path stat) {
        try {
            String line = Files.readString(stat);
            return line.substring(line.lastIndexOf(')') + 2).split(" ");
        } catch (IOException e) {
            return null;
        }
    }

    private static double seconds(String[] fields, int index) {
        return Long.parseLong(fields[index]) * TICK_SECONDS;
    }
}
