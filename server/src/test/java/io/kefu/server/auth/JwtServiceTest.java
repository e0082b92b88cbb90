package io.kefu.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.kefu.protocol.ErrorCode;
import io.kefu.protocol.Role;
import io.kefu.server.base.KefuException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class JwtServiceTest {
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T08:00:00Z"));
    private final JwtService jwt = new JwtService(SECRET, clock);

    @Test
    void aTokenCarriesItsPrincipal() {
        Principal agent = Principal.staff("a1", Role.AGENT, "s1", "小李");
        Principal buyer = Principal.buyer("b1", "Buyer One");
        Principal shopAdmin = Principal.staff("a2", Role.ADMIN, "s1", "Boss");

        assertThat(jwt.verify(jwt.issue(agent, Duration.ofHours(1)))).isEqualTo(agent);
        assertThat(jwt.verify(jwt.issue(buyer, Duration.ofHours(1)))).isEqualTo(buyer);
        assertThat(jwt.verify(jwt.issue(shopAdmin, Duration.ofHours(1)))).isEqualTo(shopAdmin);
    }

    @Test
    void aTokenExpiresAfterItsTtl() {
        String token = jwt.issue(Principal.buyer("b1", null), Duration.ofMinutes(10));

        clock.advance(Duration.ofMinutes(9));
        assertThat(jwt.verify(token).userId()).isEqualTo("b1");
        clock.advance(Duration.ofMinutes(1));
        assertUnauthorized(token).hasMessageStartingWith("token expired at 2025-06-01T08:10:00Z");
    }

    @Test
    void anotherSecretsTokenSaysTheSecretChangedAndToLogInAgain() {
        JwtService other = new JwtService("another-secret-another-secret-!!".getBytes(StandardCharsets.UTF_8), clock);
        String token = other.issue(Principal.buyer("b1", null), Duration.ofHours(1));

        assertUnauthorized(token).hasMessage("token signed with a different secret: the server's secret changed"
                + " (restarted without KEFU_JWT_SECRET?); log in again");
    }

    @Test
    void aTokenFromBeforeARestartWithARandomSecretSaysSo() {
        String token = JwtService.fromConfig(Optional.empty(), clock).issue(Principal.buyer("b1", null), Duration.ofHours(1));

        assertUnauthorized(token).hasMessage(JwtService.OTHER_SECRET);
    }

    @Test
    void theOtherSecretMessageFitsAWebSocketCloseReason() {
        assertThat(JwtService.OTHER_SECRET.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(123);
    }

    @Test
    void aTamperedPayloadHasABadSignature() throws Exception {
        String token = jwt.issue(Principal.staff("a1", Role.AGENT, "s1", null), Duration.ofHours(1));
        String[] parts = token.split("\\.");
        String forged = new String(Base64URL.from(parts[1]).decode(), StandardCharsets.UTF_8)
                .replace("\"agent\"", "\"supervisor\"");

        assertUnauthorized(parts[0] + "." + Base64URL.encode(forged) + "." + parts[2])
                .hasMessage(JwtService.OTHER_SECRET);
    }

    @Test
    void garbageIsMalformed() {
        assertUnauthorized("not-a-token").hasMessage("malformed token: not a JWT");
        assertUnauthorized("a.b.c").hasMessage("malformed token: not a JWT");
        assertUnauthorized("").hasMessage("malformed token: empty");
        assertUnauthorized(null).hasMessage("malformed token: empty");
    }

    @Test
    void unsignedTokensAreRefused() {
        String none = new PlainJWT(claims("b1", "buyer", null).build()).serialize();

        assertUnauthorized(none).hasMessageStartingWith("wrong token algorithm: unsigned tokens (alg none)");
    }

    @Test
    void onlyHs256IsAccepted() throws Exception {
        byte[] longSecret = new byte[64];
        System.arraycopy(SECRET, 0, longSecret, 0, SECRET.length);
        SignedJWT hs512 = new SignedJWT(new JWSHeader(JWSAlgorithm.HS512), claims("b1", "buyer", null).build());
        hs512.sign(new MACSigner(longSecret));
        String rs256 = Base64URL.encode("{\"alg\":\"RS256\"}") + "." + Base64URL.encode("{\"sub\":\"b1\"}") + ".c2ln";

        assertUnauthorized(hs512.serialize()).hasMessage("wrong token algorithm: only HS256 is accepted, was HS512");
        assertUnauthorized(rs256).hasMessage("wrong token algorithm: only HS256 is accepted, was RS256");
    }

    @Test
    void noTokenGrantsPlatformAdminRights() throws Exception {
        assertUnauthorized(sign(claims("x", "admin", null))).hasMessageContaining("an admin token must name its shop");
        assertThatThrownBy(() -> jwt.issue(Principal.platformAdmin(), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void claimsMustBeKefusOwn() throws Exception {
        assertUnauthorized(sign(claims("x", "agent", null))).hasMessageStartingWith("malformed token: a staff member (agent) belongs to a shop");
        assertUnauthorized(sign(claims("x", "buyer", "s1"))).hasMessageStartingWith("malformed token:");
        assertUnauthorized(sign(claims("x", "wizard", null))).hasMessageContaining("known role");
        assertUnauthorized(sign(claims("x", "buyer", null).issuer("someone-else"))).hasMessageContaining("not issued by kefu");
        assertUnauthorized(sign(claims("x", "buyer", null).expirationTime(null))).hasMessage("malformed token: no exp claim");
    }

    @Test
    void aRandomSecretIsUsedWhenNoneIsConfigured() {
        JwtService a = JwtService.fromConfig(Optional.empty(), clock);
        JwtService b = JwtService.fromConfig(Optional.empty(), clock);
        String token = a.issue(Principal.buyer("b1", null), Duration.ofHours(1));

        assertThat(a.verify(token).userId()).isEqualTo("b1");
        assertThatThrownBy(() -> b.verify(token)).isInstanceOf(KefuException.class);
    }

    @Test
    void aShortSecretIsRefused() {
        assertThatThrownBy(() -> new JwtService(new byte[31], clock)).isInstanceOf(IllegalArgumentException.class);
    }

    private JWTClaimsSet.Builder claims(String sub, String role, String shop) {
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder().issuer("kefu").subject(sub).claim("role", role)
                .expirationTime(Date.from(clock.instant().plusSeconds(60)));
        return shop == null ? b : b.claim("shop", shop);
    }

    private String sign(JWTClaimsSet.Builder claims) throws Exception {
        SignedJWT signed = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
        signed.sign(new MACSigner(SECRET));
        return signed.serialize();
    }

    private AbstractThrowableAssert<?, ? extends Throwable> assertUnauthorized(String token) {
        return assertThatThrownBy(() -> jwt.verify(token))
                .isInstanceOfSatisfying(KefuException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED));
    }
}
