package io.vaani.api.prospectlist.csv;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** What one data record of a prospect CSV file gave. */
public sealed interface CsvRow {

    /** The 1-based physical line where the record starts (the header is line 1). */
    long line();

    /**
     * A prospect to insert.
     *
     * @param phone E.164
     * @param firstName null when empty, as are lastName, state and postalCode
     * @param timezone an IANA zone ID; null when unknown: such a prospect must not be dialed
     * @param notBefore null when none
     * @param variables the other columns by their header as written, without the empty ones
     */
    record Prospect(long line, String phone, String firstName, String lastName, String timezone, String state,
            String postalCode, Instant notBefore, Map<String, String> variables) implements CsvRow {

        public Prospect {
            Objects.requireNonNull(phone, "phone");
            variables = Map.copyOf(variables);
        }
    }

    /**
     * A record that is not a prospect.
     *
     * @param reason why, for the uploader: the column first ({@code phone: missing}), or the record's own fault
     */
    record Rejected(long line, String reason) implements CsvRow {
    }
}
