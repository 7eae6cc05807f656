package io.vaani.api.prospectlist.csv;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The time zones of US states and territories and Canadian provinces and territories, and of the US ZIP codes whose
 * zone is certain in the states that span two zones.
 *
 * <p>States list every IANA zone whose area lies in them, by their official (legal) time zone boundaries as the tz
 * database draws them; the first zone of each kind of clock is the one reported. Places that keep another zone's
 * time unofficially (Phenix City, AL; Kenton, OK; Jackpot, NV) are not listed. Arizona lists America/Denver for the
 * Navajo Nation, which keeps daylight saving time.
 *
 * <p>ZIP prefixes (three digits, or five for exceptions) are listed only where every code under them is in the same
 * zone; a prefix that straddles a boundary is absent, and its codes resolve nothing. Covered: Alaska (Adak and Atka
 * are Aleutian), Arizona outside the Navajo Nation's prefixes, Florida (325, the western panhandle, is Central; 324
 * straddles the Apalachicola line and is absent), Idaho (838, the panhandle, is Pacific; 835 straddles the Salmon
 * river), Indiana (the Gary and Evansville areas are Central; 465, 475 and 479 straddle), Kansas (677 and 678 hold
 * the four Mountain counties and are absent), Kentucky (the east and the Purchase; 400, 401, 421, 422 and 425 to 427
 * straddle), Michigan's lower peninsula and eastern upper peninsula, Nebraska's east, Nevada outside Elko county,
 * North Dakota's east, Oregon outside Malheur county, South Dakota (the east, and Rapid City's 577), Tennessee (373
 * and 377 straddle) and Texas (El Paso's 799 and 885 are Mountain; 798 straddles). Canadian postal codes are not used.
 */
final class RegionZones {
    private static final Pattern ZIP = Pattern.compile("(\\d{5})(?:-?\\d{4})?");

    /** A ZIP code's zone, and the state it belongs to. */
    record ZipZone(String state, String zone) {
    }

    private static final Map<String, List<String>> STATES = new HashMap<>();
    private static final Map<String, ZipZone> ZIPS = new HashMap<>();

    static {
        String eastern = "America/New_York";
        String central = "America/Chicago";
        String mountain = "America/Denver";
        String pacific = "America/Los_Angeles";

        state("AL", central);
        state("AK", "America/Anchorage", "America/Juneau", "America/Sitka", "America/Yakutat", "America/Nome",
                "America/Metlakatla", "America/Adak");
        state("AZ", "America/Phoenix", mountain);
        state("AR", central);
        state("CA", pacific);
        state("CO", mountain);
        state("CT", eastern);
        state("DE", eastern);
        state("DC", eastern);
        state("FL", eastern, central);
        state("GA", eastern);
        state("HI", "Pacific/Honolulu");
        state("ID", "America/Boise", pacific);
        state("IL", central);
        state("IN", "America/Indiana/Indianapolis", central, "America/Indiana/Knox", "America/Indiana/Tell_City",
                "America/Indiana/Marengo", "America/Indiana/Petersburg", "America/Indiana/Vevay",
                "America/Indiana/Vincennes", "America/Indiana/Winamac");
        state("IA", central);
        state("KS", central, mountain);
        state("KY", eastern, "America/Kentucky/Louisville", "America/Kentucky/Monticello", central);
        state("LA", central);
        state("ME", eastern);
        state("MD", eastern);
        state("MA", eastern);
        state("MI", "America/Detroit", "America/Menominee");
        state("MN", central);
        state("MS", central);
        state("MO", central);
        state("MT", mountain);
        state("NE", central, mountain);
        state("NV", pacific, mountain); // West Wendover keeps Mountain time by federal rule
        state("NH", eastern);
        state("NJ", eastern);
        state("NM", mountain);
        state("NY", eastern);
        state("NC", eastern);
        state("ND", central, "America/North_Dakota/Center", "America/North_Dakota/New_Salem",
                "America/North_Dakota/Beulah", mountain);
        state("OH", eastern);
        state("OK", central);
        state("OR", pacific, "America/Boise");
        state("PA", eastern);
        state("RI", eastern);
        state("SC", eastern);
        state("SD", central, mountain);
        state("TN", central, eastern);
        state("TX", central, mountain);
        state("UT", mountain);
        state("VT", eastern);
        state("VA", eastern);
        state("WA", pacific);
        state("WV", eastern);
        state("WI", central);
        state("WY", mountain);
        state("PR", "America/Puerto_Rico");
        state("VI", "America/St_Thomas");
        state("GU", "Pacific/Guam");
        state("AS", "Pacific/Pago_Pago");
        state("MP", "Pacific/Saipan");

        state("AB", "America/Edmonton");
        state("BC", "America/Vancouver", "America/Edmonton", "America/Creston", "America/Dawson_Creek",
                "America/Fort_Nelson");
        state("MB", "America/Winnipeg");
        state("NB", "America/Moncton");
        state("NL", "America/St_Johns", "America/Goose_Bay");
        state("NS", "America/Halifax");
        state("NT", "America/Yellowknife", "America/Inuvik");
        state("NU", "America/Iqaluit", "America/Rankin_Inlet", "America/Cambridge_Bay", "America/Atikokan");
        state("ON", "America/Toronto", "America/Winnipeg", "America/Atikokan");
        state("PE", "America/Halifax");
        state("QC", "America/Toronto", "America/Halifax", "America/Blanc-Sablon");
        state("SK", "America/Regina", "America/Swift_Current", "America/Edmonton");
        state("YT", "America/Whitehorse", "America/Dawson");

        zips("AK", "America/Anchorage", "995", "996", "997", "998", "999");
        zips("AK", "America/Adak", "99546", "99547");
        zips("AK", "America/Metlakatla", "99926");
        zips("AZ", "America/Phoenix", "850", "851", "852", "853", "855", "856", "857", "859", "863");
        zips("FL", eastern, "320", "321", "322", "323", "326", "327", "328", "329", "330", "331", "332", "333", "334",
                "335", "336", "337", "338", "339", "341", "342", "344", "346", "347", "349");
        zips("FL", central, "325");
        zips("ID", "America/Boise", "832", "833", "834", "836", "837");
        zips("ID", pacific, "838");
        zips("IN", "America/Indiana/Indianapolis", "460", "461", "462", "466", "467", "468", "469", "470", "471",
                "472", "473", "474", "478");
        zips("IN", central, "463", "464", "476", "477");
        zips("KS", central, "660", "661", "662", "664", "665", "666", "667", "668", "669", "670", "671", "672", "673",
                "674", "675", "676", "679");
        zips("KY", "America/Kentucky/Louisville", "402");
        zips("KY", eastern, "403", "404", "405", "406", "407", "408", "409", "410", "411", "412", "413", "414", "415",
                "416", "417", "418");
        zips("KY", central, "420", "423", "424");
        for (int p = 480; p <= 497; p++) {
            zips("MI", "America/Detroit", Integer.toString(p));
        }
        zips("NE", central, "680", "681", "683", "684", "685", "686", "687", "688", "689");
        zips("NV", pacific, "889", "890", "891", "893", "894", "895", "897");
        zips("ND", central, "580", "581", "582", "583", "584", "587");
        zips("OR", pacific, "970", "971", "972", "973", "974", "975", "976", "977", "978");
        zips("SD", central, "570", "571", "572", "573", "574");
        zips("SD", mountain, "577");
        zips("TN", central, "370", "371", "372", "380", "381", "382", "383", "384", "385");
        zips("TN", eastern, "374", "376", "378", "379");
        zips("TX", central, "733");
        for (int p = 750; p <= 797; p++) {
            zips("TX", central, Integer.toString(p));
        }
        zips("TX", mountain, "799", "885");
    }

    private RegionZones() {
    }

    private static void state(String code, String... zones) {
        STATES.put(code, List.of(zones));
    }

    private static void zips(String state, String zone, String... prefixes) {
        for (String prefix : prefixes) {
            if (ZIPS.put(prefix, new ZipZone(state, zone)) != null) {
                throw new IllegalStateException("ZIP prefix listed twice: " + prefix);
            }
        }
    }

    /** The zones of a two-letter state or province code, any case; empty for anything else. */
    static List<String> ofState(String state) {
        return state == null ? List.of() : STATES.getOrDefault(state.toUpperCase(Locale.ROOT), List.of());
    }

    /** The certain zone of a US ZIP code (12345 or ZIP+4), or null. */
    static ZipZone ofZip(String postalCode) {
        if (postalCode == null) {
            return null;
        }
        var m = ZIP.matcher(postalCode);
        if (!m.matches()) {
            return null;
        }
        String zip = m.group(1);
        ZipZone exact = ZIPS.get(zip);
        return exact != null ? exact : ZIPS.get(zip.substring(0, 3));
    }

    /** Every zone the tables name, for a test to check they all exist. */
    static List<String> allZones() {
        return Stream.concat(STATES.values().stream().flatMap(List::stream),
                ZIPS.values().stream().map(ZipZone::zone)).distinct().sorted().toList();
    }
}
