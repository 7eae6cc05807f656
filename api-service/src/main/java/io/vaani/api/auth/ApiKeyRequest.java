package io.vaani.api.auth;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A request that presented {@code Authorization: Bearer vk_...}. */
final class ApiKeyRequest extends BaseAuthenticationRequest {
    private final String key;

    ApiKeyRequest(String key) {
        this.key = key;
    }

    String key() {
        return key;
    }
}
