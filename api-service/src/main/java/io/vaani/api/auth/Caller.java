package io.vaani.api.auth;

import io.vaani.contracts.domain.WorkspaceRole;
import java.util.Optional;
import java.util.UUID;

/** Who is making the request, resolved afresh on every request so that role changes and revocations apply at once. */
public sealed interface Caller {

    /** The API key the request presented, if any: rate limits apply per key. */
    Optional<KeyUse> key();

    /** A person: signed in through OIDC, or through a personal API key (the bootstrap superuser's). */
    record Person(UUID userId, String email, boolean superuser, Optional<KeyUse> key) implements Caller {
    }

    /** A workspace API key: acts in its workspace only, with its role. */
    record ServiceKey(UUID workspaceId, WorkspaceRole role, KeyUse use) implements Caller {
        @Override
        public Optional<KeyUse> key() {
            return Optional.of(use);
        }
    }

    /** The key presented and the rate it may be used at. */
    record KeyUse(UUID keyId, int perMinute) {
    }
}
