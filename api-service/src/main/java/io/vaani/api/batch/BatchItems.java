package io.vaani.api.batch;

import io.vaani.api.batch.BatchDtos.NewItem;
import io.vaani.api.batch.Batches.Item;
import io.vaani.api.batch.Batches.ItemSource;
import io.vaani.api.batch.Batches.Rejections;
import io.vaani.api.problem.ProblemException;
import io.vaani.api.prospectlist.csv.CsvRow;
import io.vaani.api.prospectlist.csv.ProspectCsvReader;
import io.vaani.api.prospectlist.csv.ProspectNumbers;
import io.vaani.api.upload.LineErrors;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Where a job's numbers come from: a JSON list (all valid, or refused naming the item) or a CSV file (bad lines reported). */
final class BatchItems {
    private BatchItems() {
    }

    /** Checked before anything is written. */
    static ItemSource of(List<NewItem> items, String region, Clock clock) {
        ProspectNumbers numbers = new ProspectNumbers(region, clock);
        List<Item> checked = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            try {
                ProspectNumbers.Number number = numbers.resolve(items.get(i).phone().strip(), null, null);
                Map<String, String> variables = items.get(i).variables() == null ? Map.of() : items.get(i).variables();
                checked.add(new Item(number.e164(), number.timezone(), variables));
            } catch (ProspectNumbers.Invalid e) {
                throw ProblemException.invalid("items[" + i + "].phone", e.getMessage().substring("phone: ".length()));
            }
        }
        return sink -> {
            checked.forEach(sink::add);
            return Rejections.NONE;
        };
    }

    /** Read as it is written; names become variables as the agent may greet with them. */
    static ItemSource of(InputStream csv, String region, Clock clock) {
        return sink -> {
            LineErrors errors = new LineErrors();
            try (ProspectCsvReader reader = ProspectCsvReader.open(csv, region, clock)) {
                for (CsvRow row = reader.next(); row != null; row = reader.next()) {
                    switch (row) {
                        case CsvRow.Prospect p -> {
                            Map<String, String> variables = new LinkedHashMap<>(p.variables());
                            put(variables, "first_name", p.firstName());
                            put(variables, "last_name", p.lastName());
                            sink.add(new Item(p.phone(), p.timezone(), variables));
                        }
                        case CsvRow.Rejected bad -> errors.reject(bad.line(), bad.reason());
                    }
                }
            }
            return new Rejections(errors.rejected(), errors.first());
        };
    }

    private static void put(Map<String, String> variables, String name, String value) {
        if (value != null) {
            variables.putIfAbsent(name, value);
        }
    }
}
