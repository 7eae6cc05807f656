package io.vaani.api.prospectlist.csv;

import io.vaani.api.problem.ProblemException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads a prospect-upload CSV file as a stream of rows, one record at a time, in flat memory: nothing of a row is
 * kept once it is returned (duplicates are the database's to drop).
 *
 * <p>The file is UTF-8 (a UTF-8 byte order mark is skipped) with a header row. Column names match ignoring case,
 * surrounding blanks, and spaces or hyphens for underscores. The phone column is the first of {@code phone},
 * {@code number} and {@code phone_number}; {@code first_name}, {@code last_name}, {@code timezone} (an IANA zone),
 * {@code state}, {@code postal_code} and {@code not_before} are optional; every other named column is a variable,
 * keyed by its name as written. A column without a name is ignored.
 *
 * <p>Whole-file faults (no header, no phone column, duplicate columns, UTF-16 or binary content) throw a 400
 * {@link ProblemException} for the field {@code file} from {@link #open}; a record's faults reject that record only
 * ({@link CsvRow.Rejected}), and reading goes on. Records are RFC 4180: quoted fields may hold commas, doubled
 * quotes and line ends; a record longer than {@value #MAX_RECORD_BYTES} bytes is rejected without being buffered.
 *
 * <p>The time zone is the {@code timezone} column's, or else derived from the number, state and postal code by
 * {@link ProspectZones}; it is null when unknown. A local {@code not_before} is read in that zone.
 *
 * <p>Not thread-safe: one reader per file.
 */
public final class ProspectCsvReader implements AutoCloseable {
    /** The longest record accepted, in bytes. */
    public static final int MAX_RECORD_BYTES = CsvTokenizer.MAX_RECORD_BYTES;
    static final int MAX_NAME = 200;
    static final int MAX_ADDRESS = 50;
    static final int MAX_VARIABLE = 2000;

    private static final List<String> PHONE_COLUMNS = List.of("phone", "number", "phone_number");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s_-]+");
    private static final String NOT_BEFORE_FORMS =
            "not_before: expected ISO-8601 such as 2026-12-01T09:00:00Z, 2026-12-01T09:00 or 2026-12-01";

    private final CsvTokenizer tokenizer;
    private final Header header;
    private final ProspectNumbers numbers;

    /**
     * The columns: indexes into a record, -1 for an absent column.
     *
     * @param width the header's field count
     */
    private record Header(int width, int phone, int firstName, int lastName, int timezone, int state,
            int postalCode, int notBefore, int[] variables, List<String> variableNames) {
    }

    private ProspectCsvReader(CsvTokenizer tokenizer, Header header, ProspectNumbers numbers) {
        this.tokenizer = tokenizer;
        this.header = header;
        this.numbers = numbers;
    }

    /**
     * Reads the header row. The reader owns the stream from here: it is closed by {@link #close}, or here when the
     * file is refused.
     *
     * @param defaultRegion the ISO 3166 alpha-2 region of numbers written without a country code, e.g. {@code US}
     * @param clock the time zones' rules are compared for its year and the next
     * @throws ProblemException (400, field {@code file}) when the file can't be read as a prospect CSV
     * @throws IllegalArgumentException when libphonenumber doesn't know the region
     */
    public static ProspectCsvReader open(InputStream in, String defaultRegion, Clock clock) throws IOException {
        ProspectNumbers numbers = new ProspectNumbers(defaultRegion, clock);
        CsvTokenizer tokenizer = new CsvTokenizer(in);
        try {
            return new ProspectCsvReader(tokenizer, readHeader(tokenizer), numbers);
        } catch (IOException | RuntimeException e) {
            try {
                tokenizer.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private static Header readHeader(CsvTokenizer tokenizer) throws IOException {
        switch (tokenizer.readBom()) {
            case UTF_16BE, UTF_16LE -> throw fileError("UTF-16 text: save the file as CSV UTF-8");
            case UTF_32BE, UTF_32LE -> throw fileError("UTF-32 text: save the file as CSV UTF-8");
            case NONE, UTF_8 -> {
            }
        }
        CsvTokenizer.Status status = tokenizer.next();
        if (status != CsvTokenizer.Status.END && tokenizer.hasNul()) {
            throw fileError("not a text file (it holds NUL bytes; a spreadsheet or UTF-16?): save it as CSV UTF-8");
        }
        switch (status) {
            case END -> throw fileError("empty: expected a header row naming the columns");
            case BLANK -> throw fileError("the header row (line 1) is blank");
            case TOO_LONG -> throw fileError("the header row is longer than " + MAX_RECORD_BYTES + " bytes");
            case UNTERMINATED_QUOTE -> throw fileError("the header row has an unterminated quote");
            case RECORD -> {
            }
        }
        int width = tokenizer.fieldCount();
        List<String> names = new ArrayList<>(width);
        Map<String, List<Integer>> columns = new LinkedHashMap<>(); // normalized name → indexes
        for (int i = 0; i < width; i++) {
            String name;
            try {
                name = tokenizer.field(i).strip();
            } catch (CharacterCodingException e) {
                throw fileError("the header row is not valid UTF-8: save the file as CSV UTF-8");
            }
            names.add(name);
            if (!name.isEmpty()) {
                columns.computeIfAbsent(normalize(name), k -> new ArrayList<>()).add(i);
            }
        }
        String duplicates = columns.entrySet().stream()
                .filter(e -> e.getValue().size() > 1)
                .map(e -> e.getKey() + " (columns " + e.getValue().stream().map(i -> Integer.toString(i + 1))
                        .collect(Collectors.joining(", ")) + ")")
                .collect(Collectors.joining("; "));
        if (!duplicates.isEmpty()) {
            throw fileError("duplicate column names: " + duplicates);
        }
        int phone = columns.entrySet().stream()
                .filter(e -> PHONE_COLUMNS.contains(e.getKey()))
                .mapToInt(e -> e.getValue().getFirst())
                .min().orElseThrow(() -> fileError("no phone column: name one of " + String.join(", ", PHONE_COLUMNS)));
        Set<String> known = Set.of("first_name", "last_name", "timezone", "state", "postal_code", "not_before");
        List<Integer> variables = new ArrayList<>();
        List<String> variableNames = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            String name = names.get(i);
            if (i != phone && !name.isEmpty() && !known.contains(normalize(name))) {
                variables.add(i);
                variableNames.add(name);
            }
        }
        return new Header(width, phone, index(columns, "first_name"), index(columns, "last_name"),
                index(columns, "timezone"), index(columns, "state"), index(columns, "postal_code"),
                index(columns, "not_before"), variables.stream().mapToInt(Integer::intValue).toArray(),
                List.copyOf(variableNames));
    }

    private static String normalize(String name) {
        return SEPARATORS.matcher(name.toLowerCase(Locale.ROOT)).replaceAll("_");
    }

    private static int index(Map<String, List<Integer>> columns, String name) {
        List<Integer> at = columns.get(name);
        return at == null ? -1 : at.getFirst();
    }

    private static ProblemException fileError(String message) {
        return ProblemException.invalid("file", message);
    }

    /** The variable columns' names as written in the header, in its order. */
    public List<String> variableColumns() {
        return header.variableNames();
    }

    /** The next data record's outcome, or null at the end of the file. Blank lines are skipped. */
    public CsvRow next() throws IOException {
        while (true) {
            CsvTokenizer.Status status = tokenizer.next();
            long line = tokenizer.line();
            switch (status) {
                case END -> {
                    return null;
                }
                case BLANK -> {
                }
                case TOO_LONG -> {
                    return new CsvRow.Rejected(line, "record longer than " + MAX_RECORD_BYTES + " bytes");
                }
                case UNTERMINATED_QUOTE -> {
                    return new CsvRow.Rejected(line, "unterminated quote: the rest of the file was read as its field");
                }
                case RECORD -> {
                    try {
                        return prospect(line);
                    } catch (Rejection r) {
                        return new CsvRow.Rejected(line, r.getMessage());
                    }
                }
            }
        }
    }

    private CsvRow.Prospect prospect(long line) throws Rejection {
        if (tokenizer.hasNul()) {
            throw new Rejection("holds NUL bytes: not text");
        }
        if (tokenizer.fieldCount() > header.width()) {
            throw new Rejection(tokenizer.fieldCount() + " fields, header has " + header.width());
        }
        String phoneText = known("phone", header.phone());
        if (phoneText.isEmpty()) {
            throw new Rejection("phone: missing");
        }
        ProspectNumbers.Parsed phone = phone(phoneText);
        String firstName = capped("first_name", known("first_name", header.firstName()), MAX_NAME);
        String lastName = capped("last_name", known("last_name", header.lastName()), MAX_NAME);
        String state = capped("state", known("state", header.state()), MAX_ADDRESS);
        String postalCode = capped("postal_code", known("postal_code", header.postalCode()), MAX_ADDRESS);
        Map<String, String> variables = new LinkedHashMap<>();
        for (int i = 0; i < header.variables().length; i++) {
            String name = header.variableNames().get(i);
            String value = capped(name, text(name, header.variables()[i]), MAX_VARIABLE);
            if (value != null) {
                variables.put(name, value);
            }
        }
        String timezoneText = known("timezone", header.timezone());
        String timezone;
        if (timezoneText.isEmpty()) {
            timezone = numbers.zones().resolve(phone.number(), phone.type(), state, postalCode);
        } else {
            timezone = ProspectZones.zoneId(timezoneText);
            if (timezone == null) {
                throw new Rejection("timezone: unknown IANA zone " + quote(timezoneText));
            }
        }
        Instant notBefore = notBefore(known("not_before", header.notBefore()), timezone);
        String e164 = phone.e164();
        return new CsvRow.Prospect(line, e164, firstName, lastName, timezone, state, postalCode, notBefore, variables);
    }

    /** A known column's value without surrounding whitespace, quoted or not; empty when the column is absent. */
    private String known(String name, int column) throws Rejection {
        return column < 0 ? "" : text(name, column).strip();
    }

    private String text(String name, int column) throws Rejection {
        try {
            return tokenizer.field(column);
        } catch (CharacterCodingException e) {
            throw new Rejection(name + ": not valid UTF-8 (save the file as CSV UTF-8)");
        }
    }

    /** The value, null when empty. */
    private static String capped(String name, String value, int max) throws Rejection {
        if (value.isEmpty()) {
            return null;
        }
        if (value.length() > max && value.codePointCount(0, value.length()) > max) {
            throw new Rejection(name + ": longer than " + max + " characters");
        }
        return value;
    }

    private ProspectNumbers.Parsed phone(String text) throws Rejection {
        try {
            return numbers.parse(text);
        } catch (ProspectNumbers.Invalid e) {
            throw new Rejection(e.getMessage());
        }
    }

    /**
     * An instant with an offset as is; a local date-time or a date (its start) in the prospect's zone.
     *
     * @param zone null when unknown
     */
    private static Instant notBefore(String text, String zone) throws Rejection {
        if (text.isEmpty()) {
            return null;
        }
        boolean spaced = text.length() > 10 && text.charAt(10) == ' '; // 2026-12-01 09:00
        String iso = spaced ? text.substring(0, 10) + 'T' + text.substring(11) : text;
        TemporalAccessor parsed;
        try {
            parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(iso, ZonedDateTime::from, LocalDateTime::from);
        } catch (DateTimeParseException notDateTime) {
            try {
                parsed = LocalDate.parse(iso);
            } catch (DateTimeParseException notDate) {
                throw new Rejection(NOT_BEFORE_FORMS);
            }
        }
        if (parsed instanceof ZonedDateTime instant) {
            return instant.toInstant();
        }
        if (zone == null) {
            throw new Rejection("not_before: local time needs the prospect's time zone");
        }
        ZoneId id = ZoneId.of(zone);
        return parsed instanceof LocalDate date
                ? date.atStartOfDay(id).toInstant()
                : ((LocalDateTime) parsed).atZone(id).toInstant();
    }

    private static String quote(String value) {
        int max = 40;
        boolean cut = value.codePointCount(0, value.length()) > max;
        return "'" + (cut ? value.substring(0, value.offsetByCodePoints(0, max)) + "…" : value) + "'";
    }

    @Override
    public void close() throws IOException {
        tokenizer.close();
    }

    /** A record's fault: the reason. Flow control only, without a stack trace. */
    static final class Rejection extends Exception {
        Rejection(String reason) {
            super(reason, null, false, false);
        }
    }
}
