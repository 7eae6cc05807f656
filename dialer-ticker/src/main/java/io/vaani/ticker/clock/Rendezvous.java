package io.vaani.ticker.clock;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;

/**
 * Which live replica should tick a campaign: the one with the highest hash of (campaign, replica).
 * Every replica computes the same answer from the same list, campaigns spread evenly, and when a
 * replica joins or leaves only its share of campaigns moves.
 */
public final class Rendezvous {
    private Rendezvous() {
    }

    public static Optional<String> owner(UUID campaign, Collection<String> replicas) {
        return replicas.stream().max(Comparator.comparingLong((String replica) -> score(campaign, replica))
                .thenComparing(Comparator.naturalOrder()));
    }

    private static long score(UUID campaign, String replica) {
        return UUID.nameUUIDFromBytes((campaign + "/" + replica).getBytes(StandardCharsets.UTF_8)).getMostSignificantBits();
    }
}
