package io.vaani.api.auth;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * Bearer secrets (API keys {@code vk_...}, invitation tokens {@code vi_...}): 40 random base62
 * characters (238 bits), stored only as SHA-256. A salt or a slow hash adds nothing to a secret
 * of that entropy, and a fast hash keeps each request's check cheap.
 */
public final class Secrets {
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** {@code vk_} and 8 characters: shown in lists, and the index a presented key is found by. */
    public static final int PREFIX_LENGTH = 11;

    private Secrets() {
    }

    public static String generate(String kind) {
        StringBuilder secret = new StringBuilder(kind).append('_');
        for (int i = 0; i < 40; i++) {
            secret.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return secret.toString();
    }

    public static String prefix(String key) {
        return key.substring(0, PREFIX_LENGTH);
    }

    public static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The hash as a bytea parameter. */
    public static Buffer stored(String secret) {
        return Buffer.buffer(hash(secret));
    }

    /** Constant-time, so that response times tell nothing about a guessed key. */
    public static boolean matches(String secret, byte[] hash) {
        return MessageDigest.isEqual(hash(secret), hash);
    }

    /** The form an API key must have; anything else is not looked up. */
    public static boolean isApiKey(String value) {
        return value.length() >= PREFIX_LENGTH + 12 && value.length() <= 200 && value.startsWith("vk_")
                && value.chars().skip(3).allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_'));
    }
}
