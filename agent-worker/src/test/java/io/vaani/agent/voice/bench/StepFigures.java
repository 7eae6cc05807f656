package io.vaani.agent.voice.bench;

import java.util.List;
import java.util.Map;

/** What one step of the ramp measured. Times in milliseconds, memory in MiB, CPU in % of all cores over the step. */
record StepFigures(int calls, int completed, List<String> failures, double seconds, double cpuPercent, double agentCpuPercent,
        double espeakCpuPercent, Map<String, Double> cpuBySide, Map<String, Double> cpuByThread, double peakHeapMiB, double peakRssMiB, double[] response,
        double[] overhead, Map<String, double[]> overheadByStage, long turns, double droppedFrames, long outputSkips) {

    static final double RESPONSE_BOUND_MS = 1500;

    /** Every call did its dialogue, answers came within the bound at p99, and no audio was dropped or cut. */
    boolean sustained() {
        return completed == calls && response[1] < RESPONSE_BOUND_MS && droppedFrames == 0 && outputSkips == 0;
    }

    static String header() {
        return String.format("BENCH voice: %5s %6s %6s %7s %7s %8s %8s %9s %9s %9s %9s %6s %5s %5s %s", "calls", "done", "CPU%",
                "agent%", "espeak%", "heapMiB", "rssMiB", "resp p50", "resp p99", "ovh p50", "ovh p99", "turns", "drop", "skip",
                "sustained");
    }

    String row() {
        return String.format("BENCH voice: %5d %6d %6.0f %7.0f %7.0f %8.0f %8.0f %9.0f %9.0f %9.2f %9.2f %6d %5.0f %5d %s", calls,
                completed, cpuPercent, agentCpuPercent, espeakCpuPercent, peakHeapMiB, peakRssMiB, response[0], response[1],
                overhead[0], overhead[1], turns, droppedFrames, outputSkips, sustained() ? "yes" : "no");
    }

    String stages() {
        StringBuilder line = new StringBuilder(String.format("BENCH voice: %d calls, overhead by stage p50/p99 ms:", calls));
        overheadByStage.forEach((stage, p) -> line.append(String.format(" %s %.2f/%.2f;", stage, p[0], p[1])));
        line.append(" CPU s by side:");
        cpuBySide.forEach((side, s) -> line.append(String.format(" %s %.1f;", side, s)));
        line.append(" busiest threads:");
        cpuByThread.forEach((name, s) -> line.append(String.format(" %s %.1f;", name, s)));
        failures.stream().distinct().forEach(failure -> line.append(" failure: ").append(failure).append(';'));
        return line.toString();
    }
}
