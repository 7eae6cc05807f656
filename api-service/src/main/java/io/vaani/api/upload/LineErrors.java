package io.vaani.api.upload;

import java.util.ArrayList;
import java.util.List;

/**
 * The rejected lines of an uploaded file: all counted, the first {@link #KEPT} kept with their
 * reasons, so a file of a million bad lines answers in bounded memory.
 */
public final class LineErrors {
    public static final int KEPT = 1000;

    private final List<LineError> first = new ArrayList<>();
    private long rejected;

    public void reject(long line, String reason) {
        rejected++;
        if (first.size() < KEPT) {
            first.add(new LineError(line, reason));
        }
    }

    public long rejected() {
        return rejected;
    }

    public List<LineError> first() {
        return List.copyOf(first);
    }
}
