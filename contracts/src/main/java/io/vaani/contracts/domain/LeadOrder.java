package io.vaani.contracts.domain;

/** Order of prospects of equal list priority when the hopper fills. */
public enum LeadOrder {
    OLDEST_FIRST, NEWEST_FIRST, RANDOM, FEWEST_ATTEMPTS
}
