package io.vaani.api.prospectlist.csv;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.time.Clock;
import java.util.Locale;

/**
 * A number as people write it, made E.164 with a default region, and its callee's time zone: the
 * rules every way of giving numbers (uploads, batch jobs) shares.
 */
public final class ProspectNumbers {
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    /** A dialable number and its IANA zone (null when unknown). */
    public record Number(String e164, String timezone) {
    }

    /** Why a number cannot be dialed, for the caller: {@code phone: ...}. */
    public static final class Invalid extends Exception {
        Invalid(String reason) {
            super(reason, null, false, false);
        }
    }

    private final String region;
    private final ProspectZones zones;

    /** @throws IllegalArgumentException when libphonenumber doesn't know the region */
    public ProspectNumbers(String defaultRegion, Clock clock) {
        this.region = defaultRegion.toUpperCase(Locale.ROOT);
        if (!PHONES.getSupportedRegions().contains(region)) {
            throw new IllegalArgumentException("unknown phone number region: " + defaultRegion);
        }
        this.zones = new ProspectZones(clock);
    }

    /** The number with the zone its prefix, state and postal code (either may be null) tell. */
    public Number resolve(String text, String state, String postalCode) throws Invalid {
        Parsed parsed = parse(text);
        return new Number(parsed.e164(), zones.resolve(parsed.number(), parsed.type(), state, postalCode));
    }

    /** A valid number, and its type (which also serves the time zone lookup). */
    record Parsed(PhoneNumber number, PhoneNumberType type) {
        String e164() {
            return PHONES.format(number, PhoneNumberFormat.E164);
        }
    }

    Parsed parse(String text) throws Invalid {
        String invalid = text.startsWith("+") ? "phone: not a valid number" : "phone: not a valid number for region " + region;
        PhoneNumber number;
        try {
            number = PHONES.parse(text, region);
        } catch (NumberParseException e) {
            throw new Invalid(switch (e.getErrorType()) {
                case NOT_A_NUMBER -> "phone: not a phone number";
                case INVALID_COUNTRY_CODE -> "phone: unknown country code";
                default -> invalid;
            });
        }
        // isValidNumber is a type other than UNKNOWN: computed once, the type also serves the time zone lookup
        PhoneNumberType type = PHONES.getNumberType(number);
        if (type == PhoneNumberType.UNKNOWN) {
            throw new Invalid(invalid);
        }
        if (number.hasExtension()) {
            throw new Invalid("phone: has an extension, which can't be dialed");
        }
        return new Parsed(number, type);
    }

    ProspectZones zones() {
        return zones;
    }
}
