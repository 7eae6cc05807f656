package io.vaani.api.prospectlist.csv;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Time zones from number, state and ZIP code ({@link ProspectZones}, {@link RegionZones}). */
class ProspectCsvZonesTest {
    private final ProspectZones zones = new ProspectZones(Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC));

    private static String zone(ProspectZones zones, String number, String state, String zip) {
        try {
            PhoneNumber parsed = PhoneNumberUtil.getInstance().parse(number, "US");
            return zones.resolve(parsed, PhoneNumberUtil.getInstance().getNumberType(parsed), state, zip);
        } catch (NumberParseException e) {
            throw new AssertionError(e);
        }
    }

    private String zone(String number, String state, String zip) {
        return zone(zones, number, state, zip);
    }

    @Test
    void everyZoneTheTablesNameExists() {
        assertThat(RegionZones.allZones()).isNotEmpty().allSatisfy(z -> assertThat(ZoneId.getAvailableZoneIds()).contains(z));
    }

    @Test
    void aNumberOfOneZoneGivesIt() {
        assertThat(zone("+12125550123", null, null)).isEqualTo("America/New_York");
        assertThat(zone("+19155550123", null, null)).isEqualTo("America/Denver"); // El Paso
        assertThat(zone("+18085550123", null, null)).isEqualTo("Pacific/Honolulu");
        assertThat(zone("+33123456789", null, null)).isEqualTo("Europe/Paris");
    }

    @Test
    void theShortcutsThroughLibphonenumberAgreeWithItsOwnCalls() throws NumberParseException {
        var phones = PhoneNumberUtil.getInstance();
        var mapper = PhoneNumberToTimeZonesMapper.getInstance();
        for (String text : List.of("+12125550123", "+18005550123", "+15550100", "+1212555012", "+12082000123",
                "+442079460000", "+447911123456", "+33612345678", "+4915112345678", "+61412345678", "+8613812345678",
                "+918041234567", "+5511912345678", "+80012345678", "+882345678901")) {
            PhoneNumber number = phones.parse(text, "US");
            var type = phones.getNumberType(number);
            assertThat(type != PhoneNumberType.UNKNOWN).as(text).isEqualTo(phones.isValidNumber(number));
            List<String> own = mapper.getTimeZonesForNumber(number);
            if (type != PhoneNumberType.UNKNOWN && own.size() == 1) {
                String unknown = PhoneNumberToTimeZonesMapper.getUnknownTimeZone();
                assertThat(zones.resolve(number, type, null, null)).as(text)
                        .isEqualTo(own.getFirst().equals(unknown) ? null : own.getFirst());
            }
        }
    }

    @Test
    void zonesKeepingTheSameClockAreOneZone() {
        // Guernsey, Isle of Man, Jersey and London: the first is as right as any
        assertThat(zone("+447911123456", null, null)).isEqualTo("Europe/Guernsey");
    }

    @Test
    void theStateNarrowsANumberOfSeveralZones() {
        assertThat(zone("+18005550123", null, null)).isNull(); // toll-free: all of North America
        assertThat(zone("+18005550123", "NY", null)).isEqualTo("America/New_York");
        assertThat(zone("+18005550123", "co", null)).isEqualTo("America/Denver");
        assertThat(zone("+18005550123", "AZ", null)).isNull(); // the Navajo Nation keeps daylight saving time
        assertThat(zone("+18005550123", "AB", null)).isEqualTo("America/Edmonton");
        assertThat(zone("+18005550123", "NB", null)).isEqualTo("America/Moncton");
        assertThat(zone("+18005550123", "ON", null)).isNull(); // Toronto or Winnipeg
        assertThat(zone("+12082000123", "ID", null)).isNull(); // Boise or the panhandle
        assertThat(zone("+17012010123", "ND", null)).isNull();
        assertThat(zone("+19072000123", "AK", null)).isNull(); // Anchorage or Adak
    }

    @Test
    void aZipCodeNarrowsWhereItsZoneIsCertain() {
        assertThat(zone("+12082000123", "ID", "83702")).isEqualTo("America/Boise");
        assertThat(zone("+12082000123", "ID", "83814-1234")).isEqualTo("America/Los_Angeles");
        assertThat(zone("+12082000123", "ID", "83501")).isNull(); // Lewiston's 835 straddles the Salmon river
        assertThat(zone("+19072000123", "AK", "99501")).isEqualTo("America/Anchorage");
        assertThat(zone("+19072000123", "AK", "99546")).isEqualTo("America/Adak");
        assertThat(zone("+17012010123", "ND", "58102")).isEqualTo("America/Chicago");
        assertThat(zone("+18005550123", "FL", "32501")).isEqualTo("America/Chicago"); // Pensacola
        assertThat(zone("+18005550123", "FL", "33101")).isEqualTo("America/New_York");
        assertThat(zone("+18005550123", "FL", "32401")).isNull(); // Panama City's 324 straddles
        assertThat(zone("+18005550123", "IN", "46204")).isEqualTo("America/Indiana/Indianapolis");
        assertThat(zone("+18005550123", "IN", "46320")).isEqualTo("America/Chicago"); // Hammond
        assertThat(zone("+18005550123", "TX", "79901")).isEqualTo("America/Denver"); // El Paso
        assertThat(zone("+18005550123", "TX", "75201")).isEqualTo("America/Chicago");
        assertThat(zone("+18005550123", "AZ", "85001")).isEqualTo("America/Phoenix");
        assertThat(zone("+18005550123", "KY", "40202")).isEqualTo("America/Kentucky/Louisville");
    }

    @Test
    void aZipCodeOfAnotherStateIsIgnored() {
        assertThat(zone("+18005550123", "TX", "32501")).isNull();
        assertThat(zone("+18005550123", "Texas", "79901")).isEqualTo("America/Denver"); // no state known: the ZIP code's
    }

    @Test
    void aFiveDigitPostalCodeAbroadIsNoZipCode() {
        assertThat(zone("+4930123456", null, "32545")).isEqualTo("Europe/Berlin");
    }

    @Test
    void aNumberWithOneZoneKeepsItWhateverTheAddress() {
        assertThat(zone("+12125550123", "CA", null)).isEqualTo("America/New_York"); // a New York number, a Californian address
        assertThat(zone("+18502010123", null, "32501")).isEqualTo("America/New_York"); // an Eastern panhandle number
        assertThat(zone("+18502000123", null, "32501")).isEqualTo("America/Chicago");
        assertThat(zone("+12125550123", "Bavaria", null)).isEqualTo("America/New_York"); // not a state it knows
    }

    @Test
    void clocksAreComparedForTheClocksYear() {
        // Indiana kept no daylight saving time until 2006: then its clock was not New York's
        var in2005 = new ProspectZones(Clock.fixed(Instant.parse("2005-06-01T00:00:00Z"), ZoneOffset.UTC));
        assertThat(zone(in2005, "+18005550123", "IN", "46204")).isNull();
        assertThat(zone(zones, "+18005550123", "IN", "46204")).isEqualTo("America/Indiana/Indianapolis");
    }
}
