package io.vaani.api.validation;

/** A PATCH body's rule: a field given replaces the current value; a field absent (null) keeps it. */
public final class Changes {
    private Changes() {
    }

    public static <T> T or(T change, T current) {
        return change != null ? change : current;
    }
}
