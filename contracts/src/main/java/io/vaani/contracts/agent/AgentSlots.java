package io.vaani.contracts.agent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How agent workers tell the dialer how many calls they can take. Each worker writes, every few
 * seconds, a field of the Redis hash {@code vaani:agent-workers:<agent name>}: its id mapped to
 * {@code <capacity>|<expires at, epoch ms>}. A field past its expiry belongs to a worker that
 * stopped reporting and counts for nothing (Redis 7.0 has no per-field TTL; readers delete it).
 */
public final class AgentSlots {
    private AgentSlots() {
    }

    public static String key(String agentName) {
        return "vaani:agent-workers:" + agentName;
    }

    public static String report(int capacity, Instant expiresAt) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity cannot be negative");
        }
        return capacity + "|" + expiresAt.toEpochMilli();
    }

    /** The reports of the hash still in force at {@code now}, summed; and the workers whose reports expired. */
    public record Census(int capacity, List<String> expired) {
    }

    public static Census census(Map<String, String> reports, Instant now) {
        int capacity = 0;
        List<String> expired = new ArrayList<>();
        for (Map.Entry<String, String> report : reports.entrySet()) {
            String value = report.getValue();
            int bar = value.indexOf('|');
            try {
                if (bar > 0 && Long.parseLong(value.substring(bar + 1)) > now.toEpochMilli()) {
                    capacity += Integer.parseInt(value.substring(0, bar));
                    continue;
                }
            } catch (NumberFormatException e) {
                // a malformed report counts as expired
            }
            expired.add(report.getKey());
        }
        return new Census(capacity, expired);
    }
}
