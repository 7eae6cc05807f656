package io.vaani.contracts.messages;

/** Checks shared by the message records' constructors, so a malformed message fails to decode. */
final class Versions {
    private Versions() {
    }

    static void check(int version, int supported, String type) {
        if (version < 1 || version > supported) {
            throw new IllegalArgumentException(type + " version " + version + " is not supported (1.." + supported + ")");
        }
    }

    static <T> T required(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }
}
