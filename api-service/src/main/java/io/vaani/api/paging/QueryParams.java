package io.vaani.api.paging;

import io.vaani.api.problem.ProblemException;
import io.vaani.api.validation.Formats;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Filters of list endpoints, read as text so that a bad one is answered 400 naming it (JAX-RS would answer 404). */
public final class QueryParams {
    private QueryParams() {
    }

    public static UUID uuid(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(name, "a UUID");
        }
    }

    /**
     * An E.164 number filter. An unencoded {@code +} arrives as a space ({@code ?phone=+1415...}):
     * a number that lost it this way is read with it.
     */
    public static String phone(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String phone = value.strip();
        if (value.startsWith(" ") && phone.matches("^[1-9][0-9]{6,14}$")) {
            phone = "+" + phone;
        }
        if (!Formats.isE164(phone)) {
            throw ProblemException.invalid(name, Formats.E164_MESSAGE + " (encode + as %2B)");
        }
        return phone;
    }

    /** An enum constant by its name, in any case. */
    public static <E extends Enum<E>> E named(String name, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(name, "one of " + List.of(type.getEnumConstants()));
        }
    }

    public static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(name, "an ISO-8601 timestamp with offset, such as 2026-11-24T09:00:00Z");
        }
    }
}
