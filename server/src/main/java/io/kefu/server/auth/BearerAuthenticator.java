package io.kefu.server.auth;

import io.kefu.protocol.ErrorCode;
import io.kefu.server.base.KefuException;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns an HTTP {@code Authorization: Bearer <credential>} header into a {@link Principal}: the platform
 * admin key, or a JWT. A credential without dots is an admin-key attempt: a wrong one counts as a failure
 * of the client's address ({@link AddressFailures}), and an address out of failures is refused with 429
 * before the key is compared, so the key cannot be guessed at speed. Thread-safe; constant-time key check
 * plus one HMAC, so it runs on the event loop.
 */
public final class BearerAuthenticator {
    private static final String SCHEME = "bearer ";
    static final String NOT_ADMIN_KEY =
            "not the admin key (and not a token): check the key you send against the server's KEFU_ADMIN_KEY";

    private final AdminKey adminKey;
    private final JwtService jwt;
    private final AddressFailures failures;

    /** With the default failure budget (tests of the API alone). */
    public BearerAuthenticator(AdminKey adminKey, JwtService jwt) {
        this(adminKey, jwt, new AddressFailures(java.time.Clock.systemUTC(), 20, 10));
    }

    public BearerAuthenticator(AdminKey adminKey, JwtService jwt, AddressFailures failures) {
        this.adminKey = adminKey;
        this.jwt = jwt;
        this.failures = failures;
    }

    /** As {@link #authenticate(Optional, String)} for a caller whose address is not known: not throttled. */
    public Principal authenticate(Optional<String> authorizationHeader) {
        return authenticate(authorizationHeader, null);
    }

    /**
     * @throws KefuException {@code UNAUTHORIZED} when the header is missing or not Bearer, when a credential
     *                       without dots is not the admin key, or when a token is not valid; {@code RATE_LIMITED}
     *                       when {@code client} made too many wrong admin-key attempts
     */
    public Principal authenticate(Optional<String> authorizationHeader, String client) {
        String header = authorizationHeader.map(String::strip).filter(h -> !h.isEmpty())
                .orElseThrow(() -> unauthorized("missing Authorization header; send 'Authorization: Bearer <token>'"));
        if (!header.toLowerCase(Locale.ROOT).startsWith(SCHEME)) {
            throw unauthorized("Authorization header must use the Bearer scheme: 'Bearer <token>'");
        }
        String credential = header.substring(SCHEME.length()).strip();
        // A JWT has three dot-separated parts: anything else is meant as the admin key.
        boolean keyAttempt = credential.indexOf('.') < 0;
        if (keyAttempt && client != null) {
            failures.check(client, "admin-key");
        }
        if (adminKey.matches(credential)) {
            return Principal.platformAdmin();
        }
        if (keyAttempt) {
            if (client != null) {
                failures.failed(client);
            }
            throw unauthorized(NOT_ADMIN_KEY);
        }
        return jwt.verify(credential);
    }

    private static KefuException unauthorized(String message) {
        return new KefuException(ErrorCode.UNAUTHORIZED, message);
    }
}
