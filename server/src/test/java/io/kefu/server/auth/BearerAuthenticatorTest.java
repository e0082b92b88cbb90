package io.kefu.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kefu.protocol.ErrorCode;
import io.kefu.protocol.Role;
import io.kefu.server.base.KefuException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BearerAuthenticatorTest {
    private final JwtService jwt = new JwtService(
            "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8), Clock.systemUTC());
    private final BearerAuthenticator auth = new BearerAuthenticator(AdminKey.of("admin-key-0123456789"), jwt);

    @Test
    void theAdminKeyIsThePlatformAdmin() {
        Principal p = auth.authenticate(Optional.of("Bearer admin-key-0123456789"));

        assertThat(p.isPlatformAdmin()).isTrue();
        assertThat(p.shop()).isEmpty();
    }

    @Test
    void aTokenIsItsPrincipalWhateverTheSchemeCase() {
        Principal agent = Principal.staff("a1", Role.AGENT, "s1", "A");
        String token = jwt.issue(agent, Duration.ofMinutes(5));

        assertThat(auth.authenticate(Optional.of("bearer " + token))).isEqualTo(agent);
        assertThat(auth.authenticate(Optional.of("Bearer   " + token + " "))).isEqualTo(agent);
    }

    @Test
    void missingOrForeignCredentialsAreUnauthorized() {
        assertUnauthorized(Optional.empty(), "missing Authorization header");
        assertUnauthorized(Optional.of("  "), "missing Authorization header");
        assertUnauthorized(Optional.of("Basic YWRtaW46YWRtaW4="), "must use the Bearer scheme");
    }

    @Test
    void aWrongAdminKeySaysItIsNotTheAdminKeyRatherThanNotAJwt() {
        assertThatThrownBy(() -> auth.authenticate(Optional.of("Bearer admin-key-wrong")))
                .isInstanceOfSatisfying(KefuException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED))
                .hasMessage("not the admin key (and not a token): check the key you send against the server's"
                        + " KEFU_ADMIN_KEY")
                .hasMessageNotContaining("JWT");
    }

    @Test
    void aCredentialWithDotsIsJudgedAsAToken() {
        assertUnauthorized(Optional.of("Bearer a.b.c"), "malformed token: not a JWT");
    }

    private void assertUnauthorized(Optional<String> header, String message) {
        assertThatThrownBy(() -> auth.authenticate(header))
                .isInstanceOfSatisfying(KefuException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED))
                .hasMessageContaining(message);
    }
}
