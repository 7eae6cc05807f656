package io.vaani.api.prospectlist.csv;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The records of an RFC 4180 file, read byte by byte from a buffer of its own: {@code ,} {@code "} CR and LF are
 * ASCII and never occur inside a UTF-8 multi-byte sequence, so a record is split into fields before anything is
 * decoded, and each field is decoded strictly on demand.
 *
 * <p>Memory is flat: one input buffer and one record buffer of {@link #MAX_RECORD_BYTES}, reused for every record.
 * A longer record is not stored: the tokenizer keeps following its quotes to the record's end and reports
 * {@link Status#TOO_LONG}.
 *
 * <p>Lenient where exporters are sloppy: CRLF, LF and lone CR all end a line; blanks before an opening quote and
 * after a closing one are dropped; a quote inside an unquoted field is a plain character, and text after a closing
 * quote is kept ({@code "Smith" Jr} reads {@code Smith Jr}).
 */
final class CsvTokenizer {
    static final int MAX_RECORD_BYTES = 64 * 1024;

    enum Status {
        /** A record: its fields are available until the next call. */
        RECORD,
        /** An empty or whitespace-only line. */
        BLANK,
        /** A record longer than {@link #MAX_RECORD_BYTES}; skipped to its end. */
        TOO_LONG,
        /** A quoted field still open at the end of the file: the rest of the file was its content. */
        UNTERMINATED_QUOTE,
        END
    }

    /** A byte order mark at the start of the file. */
    enum Bom {
        NONE, UTF_8, UTF_16BE, UTF_16LE, UTF_32BE, UTF_32LE
    }

    private static final byte COMMA = ',', QUOTE = '"', CR = '\r', LF = '\n';

    private enum State {
        /** In an unquoted field, or at a field's start. */
        UNQUOTED,
        QUOTED,
        /** A quote inside a quoted field: the field's end, or the first half of an escaped quote. */
        QUOTE_IN_QUOTED,
        /** After a quoted field's closing quote, before the delimiter. */
        AFTER_QUOTED
    }

    private final InputStream in;
    private final byte[] input = new byte[64 * 1024];
    private int pos;
    private int limit;
    private boolean eof;

    private final byte[] record = new byte[MAX_RECORD_BYTES];
    private int length;
    private int[] starts = new int[64];
    private int[] ends = new int[64];
    private boolean[] quoted = new boolean[64];
    private int fields;

    private long line = 1;
    private long recordLine;
    private boolean afterCr;
    private boolean nul;

    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    CsvTokenizer(InputStream in) {
        this.in = in;
    }

    /** Reads the byte order mark, if any, at the start of the file; a UTF-8 one is skipped, others are left. */
    Bom readBom() throws IOException {
        while (limit < 4 && !eof) {
            int n = in.read(input, limit, input.length - limit);
            if (n < 0) {
                eof = true;
            } else {
                limit += n;
            }
        }
        Bom bom = bom();
        if (bom == Bom.UTF_8) {
            pos = 3;
        }
        return bom;
    }

    private Bom bom() {
        if (starts(0xEF, 0xBB, 0xBF)) {
            return Bom.UTF_8;
        }
        if (starts(0x00, 0x00, 0xFE, 0xFF)) {
            return Bom.UTF_32BE;
        }
        if (starts(0xFF, 0xFE, 0x00, 0x00)) {
            return Bom.UTF_32LE;
        }
        if (starts(0xFE, 0xFF)) {
            return Bom.UTF_16BE;
        }
        if (starts(0xFF, 0xFE)) {
            return Bom.UTF_16LE;
        }
        return Bom.NONE;
    }

    private boolean starts(int... bytes) {
        if (limit < bytes.length) {
            return false;
        }
        for (int i = 0; i < bytes.length; i++) {
            if ((input[i] & 0xFF) != bytes[i]) {
                return false;
            }
        }
        return true;
    }

    /** Reads the next record. */
    Status next() throws IOException {
        length = 0;
        fields = 0;
        nul = false;
        if (afterCr && available() && input[pos] == LF) { // the LF of the CRLF that ended the previous record
            pos++;
            afterCr = false;
        }
        if (!available()) {
            return Status.END;
        }
        recordLine = line;
        State state = State.UNQUOTED;
        int start = 0; // of the current field in record
        int closedAt = -1; // where the current quoted field's content ended, -1 while not quoted
        boolean fieldBlank = true; // the current unquoted field holds blanks only
        boolean blankRecord = true; // nothing but blanks so far
        int bytes = 0; // of the record, stored or not
        boolean overflow = false;
        while (available()) {
            byte b = input[pos++];
            if (b == CR) {
                line++;
                afterCr = true;
            } else {
                if (b == LF && !afterCr) {
                    line++;
                }
                afterCr = false;
            }
            if (state == State.QUOTE_IN_QUOTED) {
                if (b == QUOTE) { // an escaped quote
                    state = State.QUOTED;
                    append(b, overflow);
                    continue;
                }
                closedAt = length;
                state = State.AFTER_QUOTED;
            }
            if ((b == CR || b == LF) && state != State.QUOTED) {
                return endRecord(start, closedAt, overflow, blankRecord);
            }
            if (++bytes > MAX_RECORD_BYTES && !overflow) { // stop storing, keep following the quotes
                overflow = true;
                fields = 0;
                length = 0;
            }
            boolean blank = b == ' ' || b == '\t';
            blankRecord &= blank;
            if (b == 0) {
                nul = true;
            }
            switch (state) {
                case UNQUOTED -> {
                    if (b == COMMA) {
                        endField(start, closedAt, overflow);
                        start = length;
                        fieldBlank = true;
                    } else if (b == QUOTE && fieldBlank) {
                        length = start; // drop the blanks before an opening quote
                        state = State.QUOTED;
                    } else {
                        fieldBlank &= blank;
                        append(b, overflow);
                    }
                }
                case QUOTED -> {
                    if (b == QUOTE) {
                        state = State.QUOTE_IN_QUOTED;
                    } else {
                        append(b, overflow);
                    }
                }
                case AFTER_QUOTED -> {
                    if (b == COMMA) {
                        endField(start, closedAt, overflow);
                        start = length;
                        closedAt = -1;
                        fieldBlank = true;
                        state = State.UNQUOTED;
                    } else {
                        append(b, overflow);
                    }
                }
                case QUOTE_IN_QUOTED -> throw new AssertionError();
            }
        }
        // the end of the file, without a line end
        if (state == State.QUOTED) {
            return Status.UNTERMINATED_QUOTE;
        }
        if (state == State.QUOTE_IN_QUOTED) {
            closedAt = length;
        }
        return endRecord(start, closedAt, overflow, blankRecord);
    }

    private Status endRecord(int start, int closedAt, boolean overflow, boolean blank) {
        if (blank) {
            fields = 0;
            return Status.BLANK;
        }
        if (overflow) {
            fields = 0;
            return Status.TOO_LONG;
        }
        endField(start, closedAt, false);
        return Status.RECORD;
    }

    private void append(byte b, boolean overflow) {
        if (!overflow) {
            record[length++] = b;
        }
    }

    private void endField(int start, int closedAt, boolean overflow) {
        if (overflow) {
            return;
        }
        int end = length;
        if (closedAt >= 0) { // blanks after a closing quote are not content
            while (end > closedAt && (record[end - 1] == ' ' || record[end - 1] == '\t')) {
                end--;
            }
        }
        if (fields == starts.length) {
            int size = Math.min(fields * 2, MAX_RECORD_BYTES + 1);
            starts = Arrays.copyOf(starts, size);
            ends = Arrays.copyOf(ends, size);
            quoted = Arrays.copyOf(quoted, size);
        }
        starts[fields] = start;
        ends[fields] = end;
        quoted[fields] = closedAt >= 0;
        fields++;
    }

    private boolean available() throws IOException {
        while (pos == limit) {
            if (eof) {
                return false;
            }
            int n = in.read(input, 0, input.length);
            if (n < 0) {
                eof = true;
            } else {
                pos = 0;
                limit = n;
            }
        }
        return true;
    }

    /** The physical line (1-based) where the last record started. */
    long line() {
        return recordLine;
    }

    int fieldCount() {
        return fields;
    }

    /** Whether the last record contains a NUL byte: a binary file, or UTF-16 without a byte order mark. */
    boolean hasNul() {
        return nul;
    }

    /**
     * The field, decoded as strict UTF-8; an unquoted one without the whitespace around it, a quoted one exactly as
     * quoted. A field beyond the record's last is empty.
     *
     * @throws CharacterCodingException when the field is not valid UTF-8
     */
    String field(int i) throws CharacterCodingException {
        if (i >= fields) {
            return "";
        }
        int start = starts[i];
        int end = ends[i];
        boolean ascii = true;
        for (int j = start; j < end && ascii; j++) {
            ascii = record[j] >= 0;
        }
        String value = ascii
                ? new String(record, start, end - start, StandardCharsets.ISO_8859_1)
                : utf8.decode(ByteBuffer.wrap(record, start, end - start)).toString();
        return quoted[i] ? value : value.strip();
    }

    void close() throws IOException {
        in.close();
    }
}
