package io.vaani.contracts.domain;

public enum PacingMode {
    /** The configured call ratio, shrunk by the damper. */
    MANUAL,
    /** The ratio adjusts itself to keep agents busy under the abandon target. */
    ADAPTIVE
}
