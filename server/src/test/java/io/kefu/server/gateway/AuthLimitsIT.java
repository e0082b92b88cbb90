package io.kefu.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.kefu.server.RawHttp;
import io.kefu.server.RawHttp.Response;
import io.kefu.server.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Guessing over real sockets: admin-key guesses and failed logins are counted per client address (each test
 * guesses from its own loopback address, 127.0.0.x), logins also per account whatever the address.
 */
@Timeout(60)
class AuthLimitsIT {
    private static final int BURST = 3;
    private static final int ACCOUNT_FAILURES = 6;

    @RegisterExtension
    static final TestServer server = TestServer.h2(b -> b.authFailureBurst(BURST).authFailuresPerMin(1)
            .loginAccountFailures(ACCOUNT_FAILURES));

    private static Response call(String from, String method, String path, String bearer, String body) {
        try (RawHttp http = RawHttp.connect(server.server().port(), from)) {
            String b = body == null ? "" : body;
            return http.send(method + " " + path + " HTTP/1.1\r\nHost: t\r\nConnection: close\r\n"
                    + (bearer == null ? "" : "Authorization: Bearer " + bearer + "\r\n")
                    + "Content-Type: application/json\r\nContent-Length: " + b.length() + "\r\n\r\n" + b).read();
        }
    }

    @Test
    void adminKeyGuessesAreThrottledPerAddress() {
        String shop = "{\"name\":\"guessed\"}";
        for (int i = 0; i < BURST; i++) {
            assertThat(call("127.0.0.2", "POST", "/api/v1/shops", "guess-" + i, shop).status()).isEqualTo(401);
        }

        Response refused = call("127.0.0.2", "POST", "/api/v1/shops", "guess-x", shop);
        // Even the right key: an address out of guesses is not told whether its next one was right.
        Response rightKey = call("127.0.0.2", "POST", "/api/v1/shops", TestServer.ADMIN_KEY, shop);
        Response elsewhere = call("127.0.0.3", "POST", "/api/v1/shops", TestServer.ADMIN_KEY, shop);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().get("code").asText()).isEqualTo("rate_limited");
        assertThat(refused.json().get("message").asText()).contains("KEFU_AUTH_FAILURE_BURST");
        assertThat(Long.parseLong(refused.header("retry-after"))).isPositive();
        assertThat(rightKey.status()).isEqualTo(429);
        assertThat(elsewhere.status()).isEqualTo(200);
    }

    @Test
    void guessesFromManyAddressesLockTheAccount() {
        TestServer.ShopFixture shop = server.newShop();
        String wrong = "{\"shopId\":\"" + shop.shopId() + "\",\"username\":\"agent1\",\"password\":\"wrong\"}";
        for (int address = 10; address < 10 + ACCOUNT_FAILURES; address++) {
            assertThat(call("127.0.0." + address, "POST", "/api/v1/auth/agent", null, wrong).status()).isEqualTo(401);
        }

        String right = "{\"shopId\":\"" + shop.shopId() + "\",\"username\":\"agent1\",\"password\":\"password-agent1\"}";
        Response locked = call("127.0.0.40", "POST", "/api/v1/auth/agent", null, right);
        String other = "{\"shopId\":\"" + shop.shopId() + "\",\"username\":\"agent2\",\"password\":\"password-agent2\"}";
        Response otherAccount = call("127.0.0.40", "POST", "/api/v1/auth/agent", null, other);

        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.json().get("message").asText()).contains("KEFU_LOGIN_ACCOUNT_FAILURES");
        assertThat(locked.header("retry-after")).isEqualTo("30");
        assertThat(otherAccount.status()).isEqualTo(200);
    }

    @Test
    void failedLoginsWithEverNewUsernamesRunOutTheAddress() {
        TestServer.ShopFixture shop = server.newShop();
        int refused = 0;
        for (int i = 0; i < BURST + 2; i++) {
            String body = "{\"shopId\":\"" + shop.shopId() + "\",\"username\":\"nobody-" + i + "\",\"password\":\"x\"}";
            if (call("127.0.0.50", "POST", "/api/v1/auth/agent", null, body).status() == 429) {
                refused++;
            }
        }

        assertThat(refused).isEqualTo(2);
    }
}
