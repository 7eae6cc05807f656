package io.vaani.api.dnc;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vaani.api.dnc.DncDtos.DncAdd;
import io.vaani.api.dnc.DncDtos.DncAdded;
import io.vaani.api.dnc.DncDtos.NewEntry;
import io.vaani.api.problem.ProblemException;
import io.vaani.api.upload.LineErrors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Reads numbers to block from a request body, JSON ({@link DncAdd}: all valid or refused, naming
 * the entry) or CSV (a number and an optional reason per line; bad lines reported, good ones
 * added), and adds them in batches, so a national list of millions streams through.
 */
@ApplicationScoped
class DncUploads {
    static final String CSV = "text/csv";
    private static final int BATCH = 1000;
    private static final int MAX_LINE = 1000;
    private static final Set<String> HEADERS = Set.of("phone", "number", "phone_number");
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

    private final DncLists lists;
    private final ObjectMapper json;
    private final Validator validator;

    DncUploads(DncLists lists, ObjectMapper json, Validator validator) {
        this.lists = lists;
        this.json = json;
        this.validator = validator;
    }

    /** Runs on a worker thread: it reads the body as it arrives. */
    DncAdded add(UUID scope, String contentType, InputStream body, String source) throws IOException {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith(CSV) ? csv(scope, body, source)
                : json(scope, body, source);
    }

    private DncAdded json(UUID scope, InputStream body, String source) throws IOException {
        DncAdd add = json.readValue(body, DncAdd.class); // a bad body is answered by the JSON problem mapper, naming the field
        var violations = validator.validate(add);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        Batch batch = new Batch(scope, source);
        for (int i = 0; i < add.entries().size(); i++) {
            NewEntry entry = add.entries().get(i);
            int index = i;
            batch.add(DncNumbers.parse(entry.phone()).orElseThrow(
                    () -> ProblemException.invalid("entries[" + index + "].phone", DncNumbers.FORMAT)), entry.reason());
        }
        return batch.done(new LineErrors());
    }

    private DncAdded csv(UUID scope, InputStream body, String source) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
        Batch batch = new Batch(scope, source);
        LineErrors errors = new LineErrors();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, decoder))) {
            long line = 0;
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                line++;
                if (line == 1 && text.startsWith("\uFEFF")) {
                    text = text.substring(1);
                }
                if (text.isBlank()) {
                    continue;
                }
                String[] cells = text.split(",", 2);
                String phone = unquote(cells[0]);
                if (line == 1 && HEADERS.contains(phone.toLowerCase(Locale.ROOT))) {
                    continue;
                }
                var entry = text.length() > MAX_LINE ? java.util.Optional.<DncNumbers.Entry>empty() : DncNumbers.parse(phone);
                if (entry.isEmpty()) {
                    errors.reject(line, text.length() > MAX_LINE ? "line longer than " + MAX_LINE + " characters"
                            : "phone: '" + phone + "' is not " + DncNumbers.FORMAT);
                    continue;
                }
                String reason = cells.length > 1 ? unquote(cells[1]) : null;
                batch.add(entry.get(), reason == null || reason.isBlank() ? null : reason);
            }
        } catch (java.nio.charset.CharacterCodingException e) {
            throw ProblemException.invalid("file", "not UTF-8 text: save the CSV as UTF-8");
        }
        return batch.done(errors);
    }

    private static String unquote(String cell) {
        String value = cell.strip();
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1).replace("\"\"", "\"").strip() : value;
    }

    /** Entries collected and written a thousand at a time. */
    private final class Batch {
        private final UUID scope;
        private final String source;
        private final List<DncNumbers.Entry> entries = new ArrayList<>();
        private final List<String> reasons = new ArrayList<>();
        private int read;
        private int added;

        Batch(UUID scope, String source) {
            this.scope = scope;
            this.source = source;
        }

        void add(DncNumbers.Entry entry, String reason) {
            entries.add(entry);
            reasons.add(reason);
            read++;
            if (entries.size() == BATCH) {
                flush();
            }
        }

        DncAdded done(LineErrors errors) {
            flush();
            return new DncAdded(added, read - added, (int) errors.rejected(), errors.first());
        }

        private void flush() {
            if (!entries.isEmpty()) {
                added += lists.add(scope, entries, reasons, source).await().atMost(WRITE_TIMEOUT);
                entries.clear();
                reasons.clear();
            }
        }
    }
}
