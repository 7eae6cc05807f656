package io.vaani.api.paging;

import io.vaani.api.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A position in a list walked by a bigint identity (prospects, call logs, transcripts), opaque to clients. */
public final class SeqCursor {
    private static final String TAG = "seq:";

    private SeqCursor() {
    }

    public static String encode(long id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((TAG + id).getBytes(StandardCharsets.US_ASCII));
    }

    static long decode(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            if (!text.startsWith(TAG)) {
                throw new IllegalArgumentException();
            }
            return Long.parseLong(text.substring(TAG.length()));
        } catch (RuntimeException e) {
            throw ProblemException.invalid("cursor", "not a cursor this API returned");
        }
    }
}
