package io.vaani.api.paging;

import io.vaani.api.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

/**
 * A position in a list walked in (created_at, id) order, opaque to clients. Microseconds, as
 * PostgreSQL stores them, so that no row is skipped or repeated across pages.
 */
public record Cursor(Instant at, UUID id) {

    public static Cursor of(Instant at, UUID id) {
        return new Cursor(at.truncatedTo(ChronoUnit.MICROS), id);
    }

    public String encode() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, at);
        return Base64.getUrlEncoder().withoutPadding().encodeToString((micros + ":" + id).getBytes(StandardCharsets.US_ASCII));
    }

    static Cursor decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII).split(":", 2);
            return new Cursor(Instant.EPOCH.plus(Long.parseLong(parts[0]), ChronoUnit.MICROS), UUID.fromString(parts[1]));
        } catch (RuntimeException e) {
            throw ProblemException.invalid("cursor", "not a cursor this API returned");
        }
    }
}
