package io.kefu.server.api;

import static io.kefu.server.api.ApiFixture.ADMIN_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.kefu.protocol.Role;
import io.kefu.server.auth.JwtService;
import io.kefu.server.auth.LoginThrottle;
import io.kefu.server.auth.Principal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Staff logins and buyer tokens over HTTP, against the real H2 store. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthApiTest {
    private final ApiFixture api = new ApiFixture();

    @AfterAll
    void close() {
        api.close();
    }

    @Test
    void staffLogInWithTheirPasswordAndGetATokenForTheirRole() {
        String shop = api.createShop("Login");
        String id = api.createStaff(shop, "li", "supervisor", List.of());

        ApiFixture.Reply r = api.post("/api/v1/auth/agent",
                "{\"shopId\":\"" + shop + "\",\"username\":\"li\",\"password\":\"password-li\"}", null);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("agentId").asText()).isEqualTo(id);
        assertThat(r.json().path("role").asText()).isEqualTo("supervisor");
        assertThat(api.jwt.verify(r.json().path("token").asText()))
                .isEqualTo(Principal.staff(id, Role.SUPERVISOR, shop, "N li"));
        assertThat(api.auth.submitted()).as("the password check ran on the auth executor").isPositive();
    }

    @Test
    void everyFailedLoginGetsTheSameAnswer() {
        String shop = api.createShop("Failures");
        api.createStaff(shop, "li", "agent", List.of());

        for (String body : List.of(
                "{\"shopId\":\"" + shop + "\",\"username\":\"li\",\"password\":\"wrong-password\"}",
                "{\"shopId\":\"" + shop + "\",\"username\":\"nobody\",\"password\":\"password-li\"}",
                "{\"shopId\":\"12345\",\"username\":\"li\",\"password\":\"password-li\"}")) {
            ApiFixture.Reply r = api.post("/api/v1/auth/agent", body, null);

            assertThat(r.status()).as(body).isEqualTo(401);
            assertThat(r.code()).isEqualTo("unauthorized");
            assertThat(r.message()).isEqualTo("invalid shop, username or password");
        }
    }

    @Test
    void afterFiveWrongPasswordsTheAccountIsLockedForThatClientEvenForTheRightOne() {
        String shop = api.createShop("Guessing");
        api.createStaff(shop, "li", "agent", List.of());
        String wrong = "{\"shopId\":\"" + shop + "\",\"username\":\"li\",\"password\":\"guess\"}";
        String right = "{\"shopId\":\"" + shop + "\",\"username\":\"li\",\"password\":\"password-li\"}";
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            assertThat(api.post("/api/v1/auth/agent", wrong, null).status()).isEqualTo(401);
        }
        long hashed = api.auth.submitted();

        ApiFixture.Reply locked = api.post("/api/v1/auth/agent", right, null);

        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.code()).isEqualTo("rate_limited");
        assertThat(locked.message()).isEqualTo("too many failed logins for this shop and username from this address;"
                + " try again in 30 s");
        assertThat(api.auth.submitted()).as("no password hashed while locked").isEqualTo(hashed);
        api.clock.advance(LoginThrottle.FIRST_LOCK);
        assertThat(api.post("/api/v1/auth/agent", right, null).status()).isEqualTo(200);
        assertThat(api.post("/api/v1/auth/agent", wrong, null).status()).as("the success cleared the count")
                .isEqualTo(401);
        assertThat(api.post("/api/v1/auth/agent", right, null).status()).isEqualTo(200);
    }

    @Test
    void aLoginBodyIsValidated() {
        assertThat(api.post("/api/v1/auth/agent", "{\"shopId\":\"1\",\"username\":\"li\"}", null).message())
                .isEqualTo("field 'password' is required");
        assertThat(api.post("/api/v1/auth/agent", "{\"shopId\":1,\"username\":\"li\",\"password\":\"x\"}", null).message())
                .isEqualTo("field 'shopId' must be a string, was a number");
    }

    @Test
    void thePlatformAdminMintsBuyerTokensAndTheBuyerIsUpserted() {
        ApiFixture.Reply first = api.post("/api/v1/auth/buyer", "{\"buyerId\":\"u-100\"}", ADMIN_KEY);
        ApiFixture.Reply renamed = api.post("/api/v1/auth/buyer", "{\"buyerId\":\"u-100\",\"name\":\"张三\"}", ADMIN_KEY);

        assertThat(first.status()).isEqualTo(200);
        assertThat(api.jwt.verify(first.json().path("token").asText())).isEqualTo(Principal.buyer("u-100", null));
        assertThat(api.jwt.verify(renamed.json().path("token").asText()).name()).isEqualTo("张三");
        assertThat(api.buyers.findBuyer("u-100")).hasValueSatisfying(b -> assertThat(b.name()).isEqualTo("张三"));
    }

    @Test
    void onlyThePlatformAdminMintsBuyerTokens() {
        String shop = api.createShop("NoMinting");
        api.createStaff(shop, "boss", "admin", List.of());

        assertThat(api.post("/api/v1/auth/buyer", "{\"buyerId\":\"u\"}", api.login(shop, "boss")).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/auth/buyer", "{\"buyerId\":\"u\"}", api.buyerToken("u")).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/auth/buyer", "{\"buyerId\":\"u\"}", null).status()).isEqualTo(401);
        assertThat(api.post("/api/v1/auth/buyer", "{\"buyerId\":\"u\"}", "not-the-key").status()).isEqualTo(401);
    }

    @Test
    void anExpiredTokenIsRefusedAndSaysSo() {
        String token = api.buyerToken("u-expiring");

        api.clock.advance(Duration.ofHours(2));
        ApiFixture.Reply r = api.get("/api/v1/conversations/1/messages", token);
        api.clock.advance(Duration.ofHours(-2));

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.message()).startsWith("token expired");
    }

    @Test
    void aForgedTokenIsRefused() {
        String token = api.buyerToken("u-forged");
        String forged = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");

        ApiFixture.Reply r = api.get("/api/v1/conversations/1/messages", forged);

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.message()).isEqualTo(JwtService.OTHER_SECRET);
    }
}
