package io.vaani.api.dnc;

import io.vaani.api.dnc.DncDtos.Match;
import io.vaani.api.validation.Formats;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** How a number or prefix is written on a do-not-call list, and which entries can block a number. */
final class DncNumbers {
    private static final Pattern EXACT = Pattern.compile(Formats.E164);
    private static final Pattern PREFIX = Pattern.compile("^\\+[1-9][0-9]{0,13}\\*$");
    /** Spaces, dots, dashes and brackets people write numbers with. */
    private static final Pattern PUNCTUATION = Pattern.compile("[\\s().-]");
    static final String FORMAT = "an E.164 number (+14155550100) or a prefix ending in * (+1212*)";

    /** An entry as stored: the phone column (without the *) and its match. */
    record Entry(String phone, Match match) {
    }

    private DncNumbers() {
    }

    static Optional<Entry> parse(String written) {
        String phone = PUNCTUATION.matcher(written.strip()).replaceAll("");
        if (EXACT.matcher(phone).matches()) {
            return Optional.of(new Entry(phone, Match.EXACT));
        }
        if (PREFIX.matcher(phone).matches()) {
            return Optional.of(new Entry(phone.substring(0, phone.length() - 1), Match.PREFIX));
        }
        return Optional.empty();
    }

    /** Every leading part of an E.164 number ({@code +1}, {@code +14}, ...), the prefixes that could block it. */
    static List<String> prefixes(String phone) {
        List<String> prefixes = new ArrayList<>();
        for (int end = 2; end <= phone.length(); end++) {
            prefixes.add(phone.substring(0, end));
        }
        return prefixes;
    }
}
