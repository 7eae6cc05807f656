package io.vaani.contracts.domain;

/** The calling rules a campaign follows: hours, abandon-rate period, abandoned-call lockout. */
public enum ComplianceProfile {
    /** TCPA: calls 08:00–21:00 callee-local, abandon rate ≤ 3% over 30 days. */
    US,
    /** Ofcom: abandon rate ≤ 3% per 24 h, 72 h lockout after an abandoned call. */
    UK,
    /** No statutory limits beyond the campaign's own window. */
    NONE
}
