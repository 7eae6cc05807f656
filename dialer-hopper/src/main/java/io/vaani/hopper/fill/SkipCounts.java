package io.vaani.hopper.fill;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many of a campaign's waiting prospects cannot be dialed now, by reason. A prospect counts
 * under every reason that holds for it.
 */
public record SkipCounts(long unknownZone, long outsideWindow, long attemptsExhausted, long expired, long doNotCall) {

    public Map<String, Long> asMap() {
        Map<String, Long> map = new LinkedHashMap<>();
        map.put("unknown_zone", unknownZone);
        map.put("outside_window", outsideWindow);
        map.put("attempts", attemptsExhausted);
        map.put("expired", expired);
        map.put("do_not_call", doNotCall);
        return map;
    }
}
