package io.vaani.deploy.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;

/** The campaign's progress as a few terminal lines, redrawn in place; once a few seconds as plain lines when not a terminal. */
final class Progress {
    private static final int BAR = 40;
    private static final String[] STATES = { "NEW", "QUEUED", "DIALING", "ANSWERED", "RETRY_WAIT", "CALLBACK", "COMPLETED", "DONE", "DNC" };

    private final PrintStream out;
    private final boolean terminal;
    private int drawn;
    private long lastPlain;

    Progress(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    void show(JsonNode status, long total, Duration elapsed) {
        long settled = count(status, "COMPLETED") + count(status, "DONE") + count(status, "DNC");
        long connected = status.path("calls").path("connected").asLong();
        long ringing = status.path("calls").path("ringing").asLong();
        int capacity = status.path("calls").path("maxConcurrency").asInt();
        double ratio = status.path("pacing").path("ratio").asDouble(Double.NaN);
        double abandon = status.path("abandonLast30Days").path("rate").asDouble() * 100;
        int filled = total == 0 ? 0 : (int) Math.min(BAR, BAR * settled / total);
        String bar = "[" + "#".repeat(filled) + ".".repeat(BAR - filled) + "] " + settled + "/" + total + " settled";
        StringBuilder states = new StringBuilder();
        for (String state : STATES) {
            states.append(state).append(' ').append(count(status, state)).append("  ");
        }
        String calls = "calls: %d connected of %d, %d ringing | ratio %s | abandoned %.2f%% | %s".formatted(connected, capacity,
                ringing, Double.isNaN(ratio) ? "-" : "%.2f".formatted(ratio), abandon, clock(elapsed));
        if (terminal) {
            if (drawn > 0) {
                out.print("\u001b[" + drawn + "F\u001b[J"); // back to the first line drawn, and clear below
            }
            out.println(bar);
            out.println(states.toString().strip());
            out.println(calls);
            drawn = 3;
        } else if (elapsed.toMillis() - lastPlain >= 5000 || lastPlain == 0) {
            out.println(bar + " | " + calls);
            lastPlain = Math.max(1, elapsed.toMillis());
        }
        out.flush();
    }

    static long count(JsonNode status, String state) {
        return status.path("prospects").path(state).asLong();
    }

    /** The skips of both services, by reason (the API names them in upper case; read here in lower). */
    static Map<String, Long> skips(JsonNode status) {
        Map<String, Long> skips = new java.util.TreeMap<>();
        for (String side : new String[] { "atHopper", "atDial" }) {
            for (Iterator<Map.Entry<String, JsonNode>> it = status.path("skipped").path(side).fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> entry = it.next();
                skips.merge(side + "." + entry.getKey().toLowerCase(), entry.getValue().asLong(), Long::sum);
            }
        }
        return skips;
    }

    private static String clock(Duration elapsed) {
        return "%d:%02d".formatted(elapsed.toMinutes(), elapsed.toSecondsPart());
    }
}
