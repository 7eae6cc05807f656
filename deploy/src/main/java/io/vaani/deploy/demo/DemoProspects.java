package io.vaani.deploy.demo;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A prospect file as operators bring them: mostly US numbers written nationally over ten area codes
 * (five zones), some abroad in E.164 (London, Mumbai, Tokyo, Sydney), so that part of the list is
 * inside its calling hours whatever the hour; a few invalid rows; some numbers to put on the DNC list.
 */
final class DemoProspects {
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    /** Area code and the state it serves: Boston to Honolulu, five zones. */
    private static final String[][] US = { { "212", "NY" }, { "305", "FL" }, { "312", "IL" }, { "214", "TX" }, { "303", "CO" },
            { "602", "AZ" }, { "415", "CA" }, { "206", "WA" }, { "617", "MA" }, { "808", "HI" } };
    /** A national number stem per country, completed with three or four digits. */
    private static final String[][] ABROAD = { { "GB", "2079460" }, { "IN", "981000" }, { "JP", "35550" }, { "AU", "29000" } };
    private static final String[] FIRST = { "Ada", "Alan", "Grace", "Edsger", "Barbara", "Donald", "Frances", "Ken", "Radia", "Tim" };

    /** What the file holds, for the summary to be checked against. */
    record File(Path path, int rows, int invalid, List<String> doNotCall) {
    }

    private DemoProspects() {
    }

    static File write(Path path, int count, long seed) throws IOException {
        Random random = new Random(seed);
        List<String> doNotCall = new ArrayList<>();
        int invalid = 0;
        try (BufferedWriter out = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
            out.write("phone,first_name,last_name,state,plan,renewal_date\n");
            for (int i = 0; i < count; i++) {
                String name = FIRST[i % FIRST.length] + "," + "Prospect" + i;
                String plan = (random.nextBoolean() ? "gold" : "silver") + ",2027-0" + (1 + i % 9) + "-15";
                if (random.nextDouble() < 0.02) {
                    out.write("555-01" + (i % 10) + "," + name + ",," + plan + "\n"); // too short for any region
                    invalid++;
                    continue;
                }
                String[] row = number(i, random);
                if (random.nextDouble() < 0.03) {
                    doNotCall.add(row[0]);
                }
                out.write(row[1] + "," + name + "," + row[2] + "," + plan + "\n");
            }
        }
        return new File(path, count, invalid, List.copyOf(doNotCall));
    }

    /** {E.164, as written in the file, state}: the i-th number is unique in the file. */
    private static String[] number(int i, Random random) {
        if (random.nextDouble() < 0.6) {
            String[] area = US[i % US.length];
            String line = String.format("%04d", i / US.length % 10_000);
            return new String[] { "+1" + area[0] + "555" + line, "(" + area[0] + ") 555-" + line, area[1] };
        }
        String[] abroad = ABROAD[i % ABROAD.length];
        String digits = String.format(abroad[0].equals("GB") ? "%03d" : "%04d", i / ABROAD.length % (abroad[0].equals("GB") ? 1000 : 10_000));
        try {
            PhoneNumber number = PHONES.parse(abroad[1] + digits, abroad[0]);
            String e164 = PHONES.format(number, PhoneNumberFormat.E164);
            return new String[] { e164, e164, "" };
        } catch (Exception e) {
            throw new IllegalStateException("bad demo number stem for " + abroad[0], e);
        }
    }
}
