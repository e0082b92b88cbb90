package io.kefu.server.auth;

import io.kefu.server.base.KefuException;
import java.security.SecureRandom;

/**
 * What a new staff password must be (docs/staff.md): {@value #MIN} to {@value #MAX} characters, not only
 * spaces, not one character repeated, not the username, and on a change not the old password. Checked on the
 * calling thread before anything is hashed; the messages name the field and never repeat the password.
 * Stateless apart from its random source; thread-safe.
 */
public final class PasswordPolicy {
    public static final int MIN = 8;
    public static final int MAX = 128;
    /** Length of a password made by an admin reset that gave none. */
    public static final int GENERATED = 16;
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final SecureRandom random = new SecureRandom();

    /** Throws {@code bad_frame} (HTTP 400) naming {@code field} when {@code password} breaks a rule. */
    public void check(String field, String password, String username) {
        if (password.length() < MIN || password.length() > MAX) {
            throw KefuException.badRequest("field '" + field + "' must be " + MIN + " to " + MAX + " characters, was "
                    + password.length());
        }
        if (password.isBlank()) {
            throw KefuException.badRequest("field '" + field + "' must not be only spaces");
        }
        if (password.chars().distinct().count() == 1) {
            throw KefuException.badRequest("field '" + field + "' must not be one character repeated");
        }
        if (username != null && password.equalsIgnoreCase(username)) {
            throw KefuException.badRequest("field '" + field + "' must not be the username");
        }
    }

    /** A random password of {@value #GENERATED} letters and digits (no look-alikes such as 0/O, 1/l/I). */
    public String generate() {
        StringBuilder sb = new StringBuilder(GENERATED);
        for (int i = 0; i < GENERATED; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
