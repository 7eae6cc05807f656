package io.vaani.contracts.recording;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** Where a call's recording lives in the recordings bucket: {@code mv/YYYY/MM/DD/<call log id>.ogg}, dated (UTC) by the call's start. */
public final class RecordingKeys {
    private RecordingKeys() {
    }

    public static String of(long callLogId, Instant callStartedAt) {
        LocalDate day = callStartedAt.atZone(ZoneOffset.UTC).toLocalDate();
        return "mv/%04d/%02d/%02d/%d.ogg".formatted(day.getYear(), day.getMonthValue(), day.getDayOfMonth(), callLogId);
    }
}
