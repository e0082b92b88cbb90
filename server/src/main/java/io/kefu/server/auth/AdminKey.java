package io.kefu.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The platform admin key: whoever presents it may do everything. Compared in constant time (digests of
 * both sides, so neither content nor length leaks through timing). Immutable, thread-safe, cheap enough
 * for an event loop. {@link #toString()} never shows the key.
 */
public final class AdminKey {
    private final String key;
    private final byte[] digest;
    private final boolean generated;

    private AdminKey(String key, boolean generated) {
        this.key = key;
        this.digest = sha256(key);
        this.generated = generated;
    }

    /** The configured key; when there is none, a random one that {@code Main} prints in demo mode. */
    public static AdminKey fromConfig(Optional<String> configured) {
        return configured.map(k -> new AdminKey(k, false)).orElseGet(AdminKey::generate);
    }

    public static AdminKey of(String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("admin key must not be empty");
        }
        return new AdminKey(key, false);
    }

    /** 256 random bits, URL-safe base64 (43 characters). */
    public static AdminKey generate() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return new AdminKey(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), true);
    }

    /** {@code true} when {@code presented} is the key; constant time. */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(digest, sha256(presented));
    }

    /** {@code true} when no key was configured and this one was made at start-up. */
    public boolean generated() {
        return generated;
    }

    /** The key itself, for printing once at start-up in demo mode. Never log it. */
    public String reveal() {
        return key;
    }

    @Override
    public String toString() {
        return "AdminKey[<redacted>]";
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
