package io.kefu.server.auth;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.spec.InvalidKeySpecException;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Staff password hashing with the JDK's PBKDF2WithHmacSHA256: a random 16-byte salt per password, a
 * 256-bit derived key, and a self-describing encoding {@code pbkdf2-sha256$<iterations>$<salt>$<hash>}
 * (base64), so stored hashes keep verifying after the iteration count is raised.
 *
 * <p><b>Threads:</b> a hash takes tens to hundreds of milliseconds on purpose. Call it only on the
 * {@code kefu-auth} executor, never on an event loop or a store thread. Thread-safe.
 */
public final class PasswordHasher {
    /** OWASP's 2023 figure for PBKDF2-HMAC-SHA256. */
    public static final int DEFAULT_ITERATIONS = 210_000;
    static final String SCHEME = "pbkdf2-sha256";
    private static final int SALT_BYTES = 16;
    private static final int KEY_BITS = 256;
    private static final int MAX_ITERATIONS = 10_000_000;

    private final int iterations;
    private final SecureRandom random = new SecureRandom();
    /** Verified against when the account does not exist, so a missing user costs as much as a wrong password. */
    private volatile String decoy;

    public PasswordHasher(int iterations) {
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("iterations must be 1.." + MAX_ITERATIONS + ", was " + iterations);
        }
        this.iterations = iterations;
    }

    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] key = derive(password, salt, iterations);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(key);
    }

    /**
     * {@code true} when {@code password} matches {@code encoded}; constant-time comparison.
     *
     * @throws IllegalArgumentException when {@code encoded} is not a hash this class wrote (a corrupt
     *                                  row is an internal error, not a wrong password)
     */
    public boolean verify(String password, String encoded) {
        String[] parts = encoded == null ? new String[0] : encoded.split("\\$");
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            throw new IllegalArgumentException("stored password hash is not in " + SCHEME + " format");
        }
        try {
            int n = Integer.parseInt(parts[1]);
            if (n < 1 || n > MAX_ITERATIONS) {
                throw new IllegalArgumentException("stored password hash has " + n + " iterations");
            }
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            return MessageDigest.isEqual(expected, derive(password, salt, n));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("stored password hash is not in " + SCHEME + " format");
        }
    }

    /**
     * Like {@link #verify(String, String)}; when there is no stored hash (unknown user) it spends the same
     * time on a decoy and returns {@code false}, so timing does not tell which usernames exist.
     */
    public boolean verify(String password, Optional<String> encoded) {
        if (encoded.isPresent()) {
            return verify(password, encoded.get());
        }
        String d = decoy;
        if (d == null) {
            d = hash("decoy-" + random.nextLong());
            decoy = d; // a race only computes it twice
        }
        verify(password, d);
        return false;
    }

    /** {@code true} when {@code encoded} used fewer iterations than this hasher does now. */
    public boolean needsRehash(String encoded) {
        String[] parts = encoded.split("\\$");
        return parts.length != 4 || !parts[0].equals(SCHEME) || !parts[1].equals(Integer.toString(iterations));
    }

    public int iterations() {
        return iterations;
    }

    private static byte[] derive(String password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, KEY_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
        } finally {
            spec.clearPassword();
        }
    }
}
