package io.kefu.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.kefu.protocol.ErrorCode;
import io.kefu.protocol.Role;
import io.kefu.server.base.KefuException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issues and verifies the HS256 JWTs that carry a {@link Principal} (claims {@code sub}, {@code role},
 * {@code shop}, {@code name}, {@code iat}, {@code exp}, {@code iss=kefu}, and for staff {@code ver}, checked against
 * {@link StaffTokens}). Only HS256 is accepted:
 * {@code none} and every other algorithm are refused before anything in the token is believed.
 * Immutable and thread-safe; one HMAC per call, cheap enough for an event loop.
 */
public final class JwtService {
    private static final Logger log = LoggerFactory.getLogger(JwtService.class);
    static final String ISSUER = "kefu";
    /** The staff token version claim (see {@link StaffTokens}); tokens without it are version 0. */
    static final String VERSION = "ver";
    static final int MIN_SECRET_BYTES = 32;
    /**
     * Why a well-formed token's signature fails. Short enough for a WebSocket close reason (123 bytes),
     * which is where a {@code hello} with such a token sees it too.
     */
    public static final String OTHER_SECRET = "token signed with a different secret: the server's secret changed"
            + " (restarted without KEFU_JWT_SECRET?); log in again";

    private final MACSigner signer;
    private final JWSVerifier verifier;
    private final Clock clock;
    private final StaffTokens staffTokens;

    /** With staff tokens of its own (tests, tools). */
    public JwtService(byte[] secret, Clock clock) {
        this(secret, clock, new StaffTokens());
    }

    /**
     * @param secret      at least 32 bytes (HS256 wants a key as long as its output)
     * @param staffTokens which staff tokens still hold: every token verified is checked against it
     */
    public JwtService(byte[] secret, Clock clock, StaffTokens staffTokens) {
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("JWT secret must be at least " + MIN_SECRET_BYTES + " bytes");
        }
        try {
            this.signer = new MACSigner(secret.clone());
            this.verifier = new MACVerifier(secret.clone());
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable JWT secret: " + e.getMessage(), e);
        }
        this.clock = clock;
        this.staffTokens = staffTokens;
    }

    /** Which staff tokens still hold (disabled agents, revoked versions). */
    public StaffTokens staffTokens() {
        return staffTokens;
    }

    /** With the configured secret, or a random one (and a warning) when none is configured. */
    public static JwtService fromConfig(Optional<String> configuredSecret, Clock clock) {
        return fromConfig(configuredSecret, clock, new StaffTokens());
    }

    /** As {@link #fromConfig(Optional, Clock)}, checking staff tokens against {@code staffTokens}. */
    public static JwtService fromConfig(Optional<String> configuredSecret, Clock clock, StaffTokens staffTokens) {
        if (configuredSecret.isPresent()) {
            return new JwtService(configuredSecret.get().getBytes(StandardCharsets.UTF_8), clock, staffTokens);
        }
        log.warn("KEFU_JWT_SECRET is not set: using a random secret, so every token dies with this process");
        byte[] random = new byte[MIN_SECRET_BYTES];
        new SecureRandom().nextBytes(random);
        return new JwtService(random, clock, staffTokens);
    }

    /** A token for {@code principal} valid for {@code ttl}. The platform admin uses its key, not a token. */
    public String issue(Principal principal, Duration ttl) {
        if (principal.isPlatformAdmin()) {
            throw new IllegalArgumentException("the platform admin authenticates with the admin key");
        }
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(principal.userId())
                .claim("role", principal.role().wire())
                .claim("name", principal.name())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)));
        principal.shop().ifPresent(shop -> claims.claim("shop", shop));
        if (principal.role().isStaff()) {
            claims.claim(VERSION, staffTokens.version(principal.userId()));
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("HS256 signing failed", e);
        }
        return jwt.serialize();
    }

    /**
     * The principal the token was issued for.
     *
     * @throws KefuException {@code UNAUTHORIZED}, saying whether the token is malformed, uses the wrong
     *                       algorithm, was signed with another secret ({@link #OTHER_SECRET}) or has expired
     */
    public Principal verify(String token) {
        return verifyToken(token).principal();
    }

    /** A verified token: who it was issued for, when it expires, and its staff token version (0 for buyers). */
    public record VerifiedToken(Principal principal, Instant expiresAt, int version) {
    }

    /** As {@link #verify}, also telling when the token expires (a WebSocket session ends with its token). */
    public VerifiedToken verifyToken(String token) {
        SignedJWT jwt = parseSigned(token);
        boolean verified;
        try {
            verified = jwt.verify(verifier);
        } catch (JOSEException e) {
            verified = false;
        }
        if (!verified) {
            // Well-formed HS256 but another key: almost always a token from before the secret changed.
            throw unauthorized(OTHER_SECRET);
        }
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw unauthorized("malformed token: claims are not a JSON object");
        }
        checkTimes(claims);
        Principal principal = principalOf(claims);
        int version = versionOf(claims);
        staffTokens.check(principal, version);
        return new VerifiedToken(principal, claims.getExpirationTime().toInstant(), version);
    }

    private static SignedJWT parseSigned(String token) {
        if (token == null || token.isBlank()) {
            throw unauthorized("malformed token: empty");
        }
        JWT jwt;
        try {
            jwt = JWTParser.parse(token.strip());
        } catch (ParseException e) {
            throw unauthorized("malformed token: not a JWT");
        }
        if (jwt instanceof PlainJWT) {
            throw unauthorized("wrong token algorithm: unsigned tokens (alg none) are refused, use HS256");
        }
        if (!(jwt instanceof SignedJWT signed)) {
            throw unauthorized("wrong token algorithm: encrypted tokens are refused, use HS256");
        }
        if (!JWSAlgorithm.HS256.equals(signed.getHeader().getAlgorithm())) {
            throw unauthorized("wrong token algorithm: only HS256 is accepted, was "
                    + signed.getHeader().getAlgorithm());
        }
        return signed;
    }

    private void checkTimes(JWTClaimsSet claims) {
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw unauthorized("malformed token: no exp claim");
        }
        if (!clock.instant().isBefore(exp.toInstant())) {
            throw unauthorized("token expired at " + exp.toInstant());
        }
    }

    private static Principal principalOf(JWTClaimsSet claims) {
        if (!ISSUER.equals(claims.getIssuer())) {
            throw unauthorized("malformed token: not issued by kefu");
        }
        try {
            String subject = claims.getSubject();
            Role role = Role.fromWire(claims.getStringClaim("role"));
            String shop = claims.getStringClaim("shop");
            if (subject == null || role == null) {
                throw unauthorized("malformed token: sub and a known role are required");
            }
            if (role == Role.ADMIN && shop == null) {
                // Only the admin key grants platform-wide rights; a token never does.
                throw unauthorized("malformed token: an admin token must name its shop");
            }
            return new Principal(subject, role, shop, claims.getStringClaim("name"));
        } catch (ParseException | IllegalArgumentException e) {
            throw unauthorized("malformed token: " + e.getMessage());
        }
    }

    private static int versionOf(JWTClaimsSet claims) {
        try {
            Integer v = claims.getIntegerClaim(VERSION);
            return v == null ? 0 : v;
        } catch (ParseException e) {
            throw unauthorized("malformed token: " + VERSION + " is not a number");
        }
    }

    private static KefuException unauthorized(String message) {
        return new KefuException(ErrorCode.UNAUTHORIZED, message);
    }
}
