package io.vaani.api.prospectlist.csv;

import static io.vaani.api.prospectlist.csv.Csv.prospect;
import static io.vaani.api.prospectlist.csv.Csv.refused;
import static io.vaani.api.prospectlist.csv.Csv.rejected;
import static io.vaani.api.prospectlist.csv.Csv.rows;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_16BE;
import static java.nio.charset.StandardCharsets.UTF_16LE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vaani.api.problem.ProblemException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ProspectCsvReaderTest {

    private static byte[] bytes(Object... parts) {
        var out = new ByteArrayOutputStream();
        for (Object part : parts) {
            out.writeBytes(part instanceof byte[] b ? b : part.toString().getBytes(UTF_8));
        }
        return out.toByteArray();
    }

    private static byte[] bom(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return b;
    }

    @Nested
    class WholeFile {

        @Test
        void anEmptyFileIsRefused() {
            assertThat(refused("")).isEqualTo("empty: expected a header row naming the columns");
        }

        @Test
        void aBlankHeaderIsRefused() {
            assertThat(refused("  \nphone\n2125550123\n")).isEqualTo("the header row (line 1) is blank");
            assertThat(refused("\r\n")).isEqualTo("the header row (line 1) is blank");
        }

        @Test
        void aFileWithoutAPhoneColumnIsRefused() {
            assertThat(refused("name,email\nAda,ada@example.com\n"))
                    .isEqualTo("no phone column: name one of phone, number, phone_number");
        }

        @Test
        void duplicateColumnsAreRefusedByName() {
            assertThat(refused("Email,phone,first name,email,First_Name\n"))
                    .isEqualTo("duplicate column names: email (columns 1, 4); first_name (columns 3, 5)");
        }

        @Test
        void utf16And32AreRefusedWithAWayOut() {
            byte[] utf16le = bytes(bom(0xFF, 0xFE), "phone\n2125550123\n".getBytes(UTF_16LE));
            byte[] utf16be = bytes(bom(0xFE, 0xFF), "phone\n2125550123\n".getBytes(UTF_16BE));
            byte[] utf32le = bytes(bom(0xFF, 0xFE, 0, 0), "p\0\0\0");
            assertThat(refused(utf16le)).isEqualTo("UTF-16 text: save the file as CSV UTF-8");
            assertThat(refused(utf16be)).isEqualTo("UTF-16 text: save the file as CSV UTF-8");
            assertThat(refused(utf32le)).isEqualTo("UTF-32 text: save the file as CSV UTF-8");
        }

        @Test
        void binaryFilesAreRefused() {
            byte[] utf16WithoutBom = "phone,name\n2125550123,Ada\n".getBytes(UTF_16LE);
            byte[] zip = bytes(bom(0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00), "[Content_Types].xml");
            assertThat(refused(utf16WithoutBom)).startsWith("not a text file");
            assertThat(refused(zip)).startsWith("not a text file");
        }

        @Test
        void aHeaderThatIsNotUtf8IsRefused() {
            assertThat(refused("phone,pr\u00e9nom\n".getBytes(ISO_8859_1)))
                    .isEqualTo("the header row is not valid UTF-8: save the file as CSV UTF-8");
        }

        @Test
        void aHeaderThatCannotEndIsRefused() {
            assertThat(refused("phone,\"name\n2125550123,Ada\n")).isEqualTo("the header row has an unterminated quote");
            assertThat(refused("phone," + "x".repeat(70_000) + "\n"))
                    .isEqualTo("the header row is longer than 65536 bytes");
        }

        @Test
        void aHeaderOnlyFileHasNoRows() throws IOException {
            assertThat(rows("phone,first_name,Company\n")).isEmpty();
            assertThat(rows("phone")).isEmpty();
            try (var reader = ProspectCsvReader.open(new ByteArrayInputStream("phone,Company,Plan\r\n".getBytes(UTF_8)),
                    "US", Csv.CLOCK)) {
                assertThat(reader.variableColumns()).containsExactly("Company", "Plan");
                assertThat(reader.next()).isNull();
                assertThat(reader.next()).isNull();
            }
        }

        @Test
        void aRefusedFileIsClosed() {
            var closed = new AtomicBoolean();
            var in = new ByteArrayInputStream("name\n".getBytes(UTF_8)) {
                @Override
                public void close() {
                    closed.set(true);
                }
            };
            assertThatThrownBy(() -> ProspectCsvReader.open(in, "US", Csv.CLOCK)).isInstanceOf(ProblemException.class);
            assertThat(closed).isTrue();
        }

        @Test
        void anUnknownDefaultRegionIsAProgrammingError() {
            assertThatThrownBy(() -> ProspectCsvReader.open(new ByteArrayInputStream(new byte[0]), "XX", Csv.CLOCK))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Columns {

        @Test
        void namesMatchIgnoringCaseBlanksSpacesAndHyphens() {
            var p = prospect(" Phone-Number ,First Name,LAST-NAME,postal  code,Not_Before,State,TimeZone, Company Name \n"
                    + "212 555 0123,Ada,Lovelace,10001,2026-12-01,NY,America/New_York,Analytical Engines\n");
            assertThat(p).isEqualTo(new CsvRow.Prospect(2, "+12125550123", "Ada", "Lovelace", "America/New_York", "NY",
                    "10001", Instant.parse("2026-12-01T05:00:00Z"), Map.of("Company Name", "Analytical Engines")));
        }

        @Test
        void theFirstPhoneColumnWinsAndTheOthersAreVariables() throws IOException {
            var p = prospect("Number,Phone\n2125550123,3125550123\n");
            assertThat(p.phone()).isEqualTo("+12125550123");
            assertThat(p.variables()).isEqualTo(Map.of("Phone", "3125550123"));
        }

        @Test
        void everyOtherNamedColumnIsAVariableAndEmptyValuesAreLeftOut() throws IOException {
            try (var reader = ProspectCsvReader.open(new ByteArrayInputStream(
                    "phone,,Plan,Renewal Date\n2125550123,ignored,Gold,\n".getBytes(UTF_8)), "US", Csv.CLOCK)) {
                assertThat(reader.variableColumns()).containsExactly("Plan", "Renewal Date");
                var p = (CsvRow.Prospect) reader.next();
                assertThat(p.variables()).isEqualTo(Map.of("Plan", "Gold"));
                assertThat(p.firstName()).isNull();
                assertThat(p.state()).isNull();
                assertThat(p.notBefore()).isNull();
            }
        }
    }

    @Nested
    class Records {

        @Test
        void quotedFieldsHoldCommasQuotesAndLineEnds() {
            List<CsvRow> rows = rows("phone,first_name,Note\n"
                    + "2125550123,\"Lovelace, Ada\",\"She said \"\"hi\"\"\"\n"
                    + "\"2125550124\",Bob,\"two\nlines\r\nand three\"\n"
                    + "2125550125,Cy,last\n");
            assertThat(rows).extracting(CsvRow::line).containsExactly(2L, 3L, 6L);
            assertThat(rows).allSatisfy(r -> assertThat(r).isInstanceOf(CsvRow.Prospect.class));
            var first = (CsvRow.Prospect) rows.get(0);
            var second = (CsvRow.Prospect) rows.get(1);
            assertThat(first.firstName()).isEqualTo("Lovelace, Ada");
            assertThat(first.variables()).containsEntry("Note", "She said \"hi\"");
            assertThat(second.phone()).isEqualTo("+12125550124");
            assertThat(second.variables()).containsEntry("Note", "two\nlines\r\nand three");
        }

        @Test
        void unquotedValuesAreTrimmedQuotedVariablesAreNot() {
            var p = prospect("phone,first_name,Note,Title\n  2125550123 ,  Ada\t,\"  padded  \" ,  \"Smith\" Jr\n");
            assertThat(p.firstName()).isEqualTo("Ada");
            assertThat(p.variables()).isEqualTo(Map.of("Note", "  padded  ", "Title", "Smith Jr"));
        }

        @Test
        void aQuoteInsideAnUnquotedValueIsPlainText() {
            assertThat(prospect("phone,Screen\n2125550123,27\" monitor\n").variables()).containsEntry("Screen", "27\" monitor");
        }

        @Test
        void blankLinesAreSkippedAndLinesStillCount() {
            List<CsvRow> rows = rows("phone\n\n2125550123\n   \n\t\r\n\r\n2125550124\n\n");
            assertThat(rows).extracting(CsvRow::line).containsExactly(3L, 7L);
            assertThat(rows).allSatisfy(r -> assertThat(r).isInstanceOf(CsvRow.Prospect.class));
        }

        @Test
        void aLineOfCommasIsNotBlank() {
            assertThat(rejected("phone,first_name\n,\n")).isEqualTo("phone: missing");
        }

        @Test
        void crlfCrAndLfEndLinesInAnyMix() {
            List<CsvRow> rows = rows("phone,Note\r\n2125550123,a\r2125550124,b\n2125550125,\"c\rd\"\r\n\r2125550126,e");
            assertThat(rows).extracting(CsvRow::line).containsExactly(2L, 3L, 4L, 7L);
            assertThat(rows).extracting(r -> ((CsvRow.Prospect) r).variables().get("Note"))
                    .containsExactly("a", "b", "c\rd", "e");
        }

        @Test
        void moreFieldsThanTheHeaderAreRejectedFewerAreEmpty() {
            List<CsvRow> rows = rows("phone,first_name,last_name\n2125550123,Ada,Lovelace,extra\n2125550124,Bob\n");
            assertThat(rows.get(0)).isEqualTo(new CsvRow.Rejected(2, "4 fields, header has 3"));
            var short_ = (CsvRow.Prospect) rows.get(1);
            assertThat(short_.firstName()).isEqualTo("Bob");
            assertThat(short_.lastName()).isNull();
        }

        @Test
        void anUnterminatedQuoteIsRejectedAtItsLine() {
            List<CsvRow> rows = rows("phone,Note\n2125550123,ok\n2125550124,\"never closed\n2125550125,lost\n");
            assertThat(rows).hasSize(2);
            assertThat(rows.get(0)).isInstanceOf(CsvRow.Prospect.class);
            assertThat(rows.get(1)).isEqualTo(
                    new CsvRow.Rejected(3, "unterminated quote: the rest of the file was read as its field"));
        }

        @Test
        void aFileWithoutAFinalLineEndKeepsItsLastRecord() {
            assertThat(rows("phone,Note\n2125550123,\"quoted\"")).singleElement()
                    .satisfies(r -> assertThat(((CsvRow.Prospect) r).variables()).containsEntry("Note", "quoted"));
        }

        @Test
        void aRecordOverTheCapIsRejectedAndReadingGoesOn() {
            String big = "y".repeat(ProspectCsvReader.MAX_RECORD_BYTES);
            List<CsvRow> rows = rows("phone,Note\n2125550123,a\n2125550124,\"" + big + "\nstill the note\"\n2125550125,b\n");
            assertThat(rows).hasSize(3);
            assertThat(rows.get(1)).isEqualTo(new CsvRow.Rejected(3, "record longer than 65536 bytes"));
            assertThat(rows.get(2).line()).isEqualTo(5);
            assertThat(rows.get(2)).isInstanceOf(CsvRow.Prospect.class);
        }

        @Test
        void aRecordJustUnderTheCapIsRead() {
            String unnamed = "z".repeat(ProspectCsvReader.MAX_RECORD_BYTES - "2125550123,".length());
            List<CsvRow> rows = rows("phone,\n2125550123," + unnamed + "\r\n2125550124," + unnamed + "z\r\n");
            assertThat(rows.get(0)).isInstanceOf(CsvRow.Prospect.class);
            assertThat(rows.get(1)).isEqualTo(new CsvRow.Rejected(3, "record longer than 65536 bytes"));
        }

        @Test
        void aNulByteRejectsItsRecord() {
            List<CsvRow> rows = rows("phone,Note\n2125550123,a\0b\n2125550124,c\n");
            assertThat(rows.get(0)).isEqualTo(new CsvRow.Rejected(2, "holds NUL bytes: not text"));
            assertThat(rows.get(1)).isInstanceOf(CsvRow.Prospect.class);
        }
    }

    @Nested
    class Encoding {

        @Test
        void aUtf8ByteOrderMarkIsSkipped() {
            var p = Csv.rows(bytes(bom(0xEF, 0xBB, 0xBF), "phone,first_name\n2125550123,Zo\u00eb\n"));
            assertThat(p).singleElement().isEqualTo(new CsvRow.Prospect(2, "+12125550123", "Zo\u00eb", null,
                    "America/New_York", null, null, null, Map.of()));
        }

        @Test
        void utf8TextOfAnyScriptIsRead() {
            var p = prospect("phone,first_name,last_name,Greeting\n2125550123,\u674e,\u00c5str\u00f6m,\ud83d\udc4b \u0928\u092e\u0938\u094d\u0924\u0947\n");
            assertThat(p.firstName()).isEqualTo("\u674e");
            assertThat(p.lastName()).isEqualTo("\u00c5str\u00f6m");
            assertThat(p.variables()).containsEntry("Greeting", "\ud83d\udc4b \u0928\u092e\u0938\u094d\u0924\u0947");
        }

        @Test
        void latin1RecordsAreRejectedOthersRead() {
            byte[] file = bytes("phone,first_name,City\n",
                    "2125550123,Jos\u00e9,Bogot\u00e1\n".getBytes(ISO_8859_1),
                    "2125550124,Ana,Lima\n",
                    "2125550125,Ana,S\u00e3o Paulo\n".getBytes(ISO_8859_1));
            List<CsvRow> rows = Csv.rows(file);
            assertThat(rows).containsExactly(
                    new CsvRow.Rejected(2, "first_name: not valid UTF-8 (save the file as CSV UTF-8)"),
                    new CsvRow.Prospect(3, "+12125550124", "Ana", null, "America/New_York", null, null, null,
                            Map.of("City", "Lima")),
                    new CsvRow.Rejected(4, "City: not valid UTF-8 (save the file as CSV UTF-8)"));
        }

        @Test
        void malformedUtf8SequencesAreRejected() {
            byte[] overlong = bom(0xC0, 0xAF);
            byte[] surrogate = bom(0xED, 0xA0, 0x80);
            byte[] truncated = bom(0xE2, 0x82);
            for (byte[] bad : List.of(overlong, surrogate, truncated)) {
                assertThat(Csv.rows(bytes("phone,Note\n2125550123,a", bad, "b\n"))).singleElement()
                        .isEqualTo(new CsvRow.Rejected(2, "Note: not valid UTF-8 (save the file as CSV UTF-8)"));
            }
        }
    }

    @Nested
    class Phones {

        @Test
        void nationalNumbersUseTheDefaultRegion() {
            assertThat(rows("phone\n(212) 555-0123\n212.555.0123\n1-212-555-0123\n+1 212 555 0123\n"))
                    .extracting(r -> ((CsvRow.Prospect) r).phone()).containsOnly("+12125550123").hasSize(4);
            assertThat(Csv.rows(new ByteArrayInputStream("phone\n020 7946 0000\n".getBytes(UTF_8)), "GB"))
                    .singleElement().extracting(r -> ((CsvRow.Prospect) r).phone()).isEqualTo("+442079460000");
        }

        @Test
        void foreignNumbersWithTheirCountryCodeAreAccepted() {
            var p = prospect("phone\n+44 20 7946 0000\n");
            assertThat(p.phone()).isEqualTo("+442079460000");
            assertThat(p.timezone()).isEqualTo("Europe/London");
            assertThat(prospect("phone\n011 33 1 23 45 67 89\n").phone()).isEqualTo("+33123456789");
        }

        @Test
        void invalidNumbersAreRejectedWithTheirReason() {
            List<CsvRow> rows = rows("phone,first_name\n,Ada\n555-0100\n123\nabc\n+1 212 555 012\n+999 1234567\n"
                    + "020 7946 0000\n2125550123 ext. 45\n");
            assertThat(rows).extracting(r -> ((CsvRow.Rejected) r).reason()).containsExactly(
                    "phone: missing",
                    "phone: not a valid number for region US",
                    "phone: not a valid number for region US",
                    "phone: not a phone number",
                    "phone: not a valid number",
                    "phone: unknown country code",
                    "phone: not a valid number for region US",
                    "phone: has an extension, which can't be dialed");
        }
    }

    @Nested
    class Lengths {

        @Test
        void namesAddressesAndVariablesAreCapped() {
            String ok = "phone,first_name,last_name,state,postal_code,Note\n2125550123,%s,%s,%s,%s,%s\n";
            var p = prospect(ok.formatted("a".repeat(200), "b".repeat(200), "c".repeat(50), "d".repeat(50), "e".repeat(2000)));
            assertThat(p.firstName()).hasSize(200);
            assertThat(p.variables().get("Note")).hasSize(2000);
            assertThat(rejected(ok.formatted("a".repeat(201), "", "", "", ""))).isEqualTo("first_name: longer than 200 characters");
            assertThat(rejected(ok.formatted("", "b".repeat(201), "", "", ""))).isEqualTo("last_name: longer than 200 characters");
            assertThat(rejected(ok.formatted("", "", "c".repeat(51), "", ""))).isEqualTo("state: longer than 50 characters");
            assertThat(rejected(ok.formatted("", "", "", "d".repeat(51), ""))).isEqualTo("postal_code: longer than 50 characters");
            assertThat(rejected(ok.formatted("", "", "", "", "e".repeat(2001)))).isEqualTo("Note: longer than 2000 characters");
        }

        @Test
        void charactersAreCountedNotUtf16Units() {
            assertThat(prospect("phone,first_name\n2125550123," + "\ud83d\ude00".repeat(200) + "\n").firstName())
                    .hasSize(400);
        }
    }

    @Nested
    class TimeZones {

        @Test
        void aTimezoneColumnWinsWhenItNamesAnIanaZone() {
            assertThat(prospect("phone,timezone\n2125550123,America/Chicago\n").timezone()).isEqualTo("America/Chicago");
            assertThat(prospect("phone,timezone\n2125550123, asia/kolkata \n").timezone()).isEqualTo("Asia/Kolkata");
            assertThat(prospect("phone,timezone\n2125550123,\n").timezone()).isEqualTo("America/New_York");
        }

        @Test
        void offsetsAbbreviationsAndInventionsAreNotZones() {
            assertThat(rows("phone,timezone\n2125550123,EST\n2125550123,+05:00\n2125550123,Mars/Olympus_Mons\n2125550123,Z\n"))
                    .extracting(r -> ((CsvRow.Rejected) r).reason()).containsExactly(
                            "timezone: unknown IANA zone 'EST'",
                            "timezone: unknown IANA zone '+05:00'",
                            "timezone: unknown IANA zone 'Mars/Olympus_Mons'",
                            "timezone: unknown IANA zone 'Z'");
            assertThat(rejected("phone,timezone\n2125550123," + "x".repeat(100) + "\n"))
                    .isEqualTo("timezone: unknown IANA zone '" + "x".repeat(40) + "…'");
        }

        @Test
        void aNumberOfOneZoneGivesIt() {
            assertThat(prospect("phone\n+1 212 555 0123\n").timezone()).isEqualTo("America/New_York");
        }

        @Test
        void aNumberOfSeveralZonesIsNarrowedByStateAndZip() {
            // +1 208 200: southern Idaho (Mountain) or the panhandle (Pacific)
            List<CsvRow> rows = rows("phone,state,postal_code\n"
                    + "208 200 0123,ID,83702\n"
                    + "208 200 0123,id,83814\n"
                    + "208 200 0123,ID,\n"
                    + "208 200 0123,,\n"
                    + "800 555 0123,NY,\n");
            assertThat(rows).extracting(r -> ((CsvRow.Prospect) r).timezone())
                    .containsExactly("America/Boise", "America/Los_Angeles", null, null, "America/New_York");
        }
    }

    @Nested
    class NotBefore {

        private static Instant notBefore(String value, String timezone) {
            return prospect("phone,timezone,not_before\n2125550123," + timezone + "," + value + "\n").notBefore();
        }

        @Test
        void instantsWithAnOffsetAreTakenAsTheyAre() {
            assertThat(notBefore("2026-12-01T09:00:00Z", "")).isEqualTo("2026-12-01T09:00:00Z");
            assertThat(notBefore("2026-12-01T09:00:00+05:30", "")).isEqualTo("2026-12-01T03:30:00Z");
            assertThat(notBefore("2026-12-01T09:00+01:00[Europe/Paris]", "")).isEqualTo("2026-12-01T08:00:00Z");
            assertThat(notBefore("2026-12-01 09:00:00Z", "America/Chicago")).isEqualTo("2026-12-01T09:00:00Z");
        }

        @Test
        void localTimesAreInTheProspectsZone() {
            assertThat(notBefore("2026-12-01T09:00", "")).isEqualTo("2026-12-01T14:00:00Z");
            assertThat(notBefore("2026-07-01T09:00:30", "")).isEqualTo("2026-07-01T13:00:30Z");
            assertThat(notBefore("2026-12-01 09:00", "America/Los_Angeles")).isEqualTo("2026-12-01T17:00:00Z");
            assertThat(notBefore("2026-12-01", "Asia/Tokyo")).isEqualTo("2026-11-30T15:00:00Z");
        }

        @Test
        void aLocalTimeWithoutAZoneIsRejected() {
            assertThat(rows("phone,not_before\n800 555 0123,2026-12-01T09:00\n800 555 0123,2026-12-01T09:00Z\n"))
                    .containsExactly(
                            new CsvRow.Rejected(2, "not_before: local time needs the prospect's time zone"),
                            new CsvRow.Prospect(3, "+18005550123", null, null, null, null, null,
                                    Instant.parse("2026-12-01T09:00:00Z"), Map.of()));
        }

        @Test
        void anythingElseIsRejected() {
            for (String bad : List.of("tomorrow", "12/01/2026", "2026-13-01", "2026-02-30T09:00", "2026-12-01T25:00",
                    "1764579600")) {
                assertThat(rejected("phone,not_before\n2125550123," + bad + "\n")).as(bad)
                        .isEqualTo("not_before: expected ISO-8601 such as 2026-12-01T09:00:00Z, 2026-12-01T09:00 or 2026-12-01");
            }
        }
    }
}
