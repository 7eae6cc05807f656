package io.vaani.api.prospectlist.csv;

import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A prospect's time zone from its number, narrowed by its state and ZIP code; unknown rather than guessed.
 *
 * <p>The number gives the zones libphonenumber knows for its prefix (one for most numbers; many for toll-free and
 * non-geographic ones). A state or province code keeps those its area spans ({@link RegionZones}), and a US ZIP code
 * whose zone is certain keeps that one. Zones are compared by their clocks, not their names (America/Boise and
 * America/Denver, America/Indiana/Indianapolis and America/New_York keep the same time): two zones are the same
 * when their offsets and transitions agree from the start of this year to the end of the next. The zone is known
 * when one clock remains. The address only narrows a number that spans several clocks: a number with one zone keeps
 * it, as carriers and dialers read area codes (ARCHITECTURE.md: the zone "derived from the number").
 *
 * <p>Holds a cache of each zone's clock for the reader's lifetime: bounded by the zones that exist.
 */
final class ProspectZones {
    private static final Set<String> AVAILABLE = Set.copyOf(ZoneId.getAvailableZoneIds());
    private static final Map<String, String> ZONE_IDS = new HashMap<>(); // lower case → as spelled
    private static final String UNKNOWN = PhoneNumberToTimeZonesMapper.getUnknownTimeZone();

    static {
        for (String id : AVAILABLE) {
            ZONE_IDS.put(id.toLowerCase(Locale.ROOT), id);
        }
    }

    private final PhoneNumberToTimeZonesMapper mapper = PhoneNumberToTimeZonesMapper.getInstance();
    private final Instant from;
    private final Instant to;
    private final Map<String, Clockwork> clocks = new HashMap<>();

    /** What a zone's clock does over the compared years. */
    private record Clockwork(ZoneOffset start, List<ZoneOffsetTransition> transitions) {
    }

    ProspectZones(Clock clock) {
        int year = LocalDate.now(clock.withZone(ZoneOffset.UTC)).getYear();
        from = LocalDate.of(year, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
        to = LocalDate.of(year + 2, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The IANA zone ID as spelled by the tz database, matched ignoring case; null for anything else. */
    static String zoneId(String id) {
        return ZONE_IDS.get(id.toLowerCase(Locale.ROOT));
    }

    /**
     * @param type the number's type, from {@link PhoneNumberUtil#getNumberType}
     * @param state a state or province code, or null
     * @param postalCode a postal code, or null
     * @return the IANA zone ID, or null when the number, state and ZIP code don't pin down one clock
     */
    String resolve(PhoneNumber number, PhoneNumberType type, String state, String postalCode) {
        // clock → the zone that names it: the most precise evidence's spelling wins
        Map<Clockwork, String> candidates = new LinkedHashMap<>();
        List<String> numberZones = PhoneNumberUtil.getInstance().isNumberGeographical(type, number.getCountryCode())
                ? mapper.getTimeZonesForGeographicalNumber(number) // what getTimeZonesForNumber does, without the type
                : mapper.getTimeZonesForNumber(number);
        for (String zone : numberZones) {
            if (!zone.equals(UNKNOWN) && AVAILABLE.contains(zone)) {
                candidates.putIfAbsent(clockwork(zone), zone);
            }
        }
        if (candidates.size() == 1) {
            return candidates.values().iterator().next();
        }
        List<String> stateZones = RegionZones.ofState(state);
        if (!stateZones.isEmpty()) {
            narrow(candidates, stateZones);
        }
        RegionZones.ZipZone zip = RegionZones.ofZip(postalCode);
        // a ZIP code counts in the state given, or for a North American number when no state is known
        if (zip != null && (stateZones.isEmpty() ? number.getCountryCode() == 1 : zip.state().equalsIgnoreCase(state))) {
            narrow(candidates, List.of(zip.zone()));
        }
        return candidates.size() == 1 ? candidates.values().iterator().next() : null;
    }

    /** Keeps the candidates whose clock one of the zones keeps, named as the first such zone. */
    private void narrow(Map<Clockwork, String> candidates, List<String> zones) {
        Map<Clockwork, String> named = new HashMap<>();
        for (String zone : zones) {
            named.putIfAbsent(clockwork(zone), zone);
        }
        candidates.keySet().retainAll(named.keySet());
        candidates.replaceAll((clock, zone) -> named.get(clock));
    }

    private Clockwork clockwork(String zone) {
        return clocks.computeIfAbsent(zone, id -> {
            ZoneRules rules = ZoneId.of(id).getRules();
            List<ZoneOffsetTransition> transitions = new ArrayList<>();
            for (ZoneOffsetTransition t = rules.nextTransition(from); t != null && t.getInstant().isBefore(to);
                    t = rules.nextTransition(t.getInstant())) {
                transitions.add(t);
            }
            return new Clockwork(rules.getOffset(from), List.copyOf(transitions));
        });
    }
}
