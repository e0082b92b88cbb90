package io.kefu.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kefu.server.RawWs;
import io.kefu.server.TestServer;
import io.kefu.server.auth.JwtService;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What a client is told when its credentials are wrong, over real sockets: HTTP and WebSocket alike. */
@Timeout(60)
class AuthAnswersIT {

    @Test
    void aTokenFromBeforeARestartWithoutAConfiguredSecretSaysToLogInAgain() {
        // No KEFU_JWT_SECRET: each start makes a random secret.
        TestServer server = TestServer.h2(b -> b.jwtSecret(null));
        server.start();
        try {
            String token = server.buyerToken("b-restart");
            server.stop();
            server.start();

            HttpResponse<String> http = server.request("GET", "/api/v1/conversations/1/messages", token, null);
            assertThat(http.statusCode()).isEqualTo(401);
            JsonNode body = TestServer.parse(http.body());
            assertThat(body.get("code").asText()).isEqualTo("unauthorized");
            assertThat(body.get("message").asText()).isEqualTo(JwtService.OTHER_SECRET)
                    .contains("different secret", "KEFU_JWT_SECRET", "log in again");

            try (RawWs ws = RawWs.connect(server.wsUri(), null)) {
                ws.send("{\"t\":\"hello\",\"id\":\"1\",\"token\":\"" + token + "\"}");
                RawWs.UntilClose answer = ws.framesUntilClose(Duration.ofSeconds(10));
                assertThat(answer.frames()).hasSize(1);
                assertThat(answer.frames().get(0).get("code").asText()).isEqualTo("unauthorized");
                assertThat(answer.frames().get(0).get("message").asText()).isEqualTo(JwtService.OTHER_SECRET);
                assertThat(answer.closed()).isEqualTo(new RawWs.Closed(4401, JwtService.OTHER_SECRET));
            }
        } finally {
            server.stop();
        }
    }

    @Test
    void aWrongAdminKeySaysItIsNotTheAdminKey() {
        TestServer server = TestServer.h2();
        server.start();
        try {
            HttpResponse<String> http = server.request("POST", "/api/v1/shops", "not-the-key-0123456789",
                    TestServer.obj().put("name", "x"));

            assertThat(http.statusCode()).isEqualTo(401);
            JsonNode body = TestServer.parse(http.body());
            assertThat(body.get("code").asText()).isEqualTo("unauthorized");
            assertThat(body.get("message").asText()).startsWith("not the admin key (and not a token)")
                    .doesNotContain("JWT");
        } finally {
            server.stop();
        }
    }
}
