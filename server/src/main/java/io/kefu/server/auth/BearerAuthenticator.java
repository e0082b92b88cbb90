package io.kefu.server.auth;

import io.kefu.protocol.ErrorCode;
import io.kefu.server.base.KefuException;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns an HTTP {@code Authorization: Bearer <credential>} header into a {@link Principal}: the platform
 * admin key, or a JWT. Thread-safe; constant-time key check plus one HMAC, so it runs on the event loop.
 */
public final class BearerAuthenticator {
    private static final String SCHEME = "bearer ";
    static final String NOT_ADMIN_KEY =
            "not the admin key (and not a token): check the key you send against the server's KEFU_ADMIN_KEY";

    private final AdminKey adminKey;
    private final JwtService jwt;

    public BearerAuthenticator(AdminKey adminKey, JwtService jwt) {
        this.adminKey = adminKey;
        this.jwt = jwt;
    }

    /**
     * @throws KefuException {@code UNAUTHORIZED} when the header is missing or not Bearer, when a credential
     *                       without dots is not the admin key, or when a token is not valid
     */
    public Principal authenticate(Optional<String> authorizationHeader) {
        String header = authorizationHeader.map(String::strip).filter(h -> !h.isEmpty())
                .orElseThrow(() -> unauthorized("missing Authorization header; send 'Authorization: Bearer <token>'"));
        if (!header.toLowerCase(Locale.ROOT).startsWith(SCHEME)) {
            throw unauthorized("Authorization header must use the Bearer scheme: 'Bearer <token>'");
        }
        String credential = header.substring(SCHEME.length()).strip();
        if (adminKey.matches(credential)) {
            return Principal.platformAdmin();
        }
        if (credential.indexOf('.') < 0) {
            // A JWT has three dot-separated parts: this was meant as the admin key, and is not it.
            throw unauthorized(NOT_ADMIN_KEY);
        }
        return jwt.verify(credential);
    }

    private static KefuException unauthorized(String message) {
        return new KefuException(ErrorCode.UNAUTHORIZED, message);
    }
}
