package io.kefu.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.kefu.server.RawWs;
import io.kefu.server.TestServer;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A WebSocket session ends with its token, after the grace: on the server's clock, moved by hand. */
@Timeout(60)
class TokenExpiryIT {
    @RegisterExtension
    static final TestServer server = TestServer.h2WithManualTime(Instant.parse("2026-03-02T08:00:00Z"),
            b -> b.tokenTtlSec(60).tokenGraceSec(30));

    @Test
    void aSessionIsClosedWith4401OnceItsTokenExpiredAndTheGracePassed() {
        RawWs ws = RawWs.connect(server.wsUri(), "kefu.v1.json");
        ws.send("{\"t\":\"hello\",\"id\":\"1\",\"token\":\"" + server.buyerToken("b-expiring") + "\"}");
        assertThat(ws.next().get("t").asText()).isEqualTo("ok");

        server.advance(Duration.ofSeconds(85)); // expired 25 s ago, within the grace: still served
        ws.send("{\"t\":\"ping\",\"id\":\"p1\"}");
        assertThat(ws.next().get("re").asText()).isEqualTo("p1");

        server.advance(Duration.ofSeconds(5));
        RawWs.Closed closed = ws.awaitClose(Duration.ofSeconds(10));

        assertThat(closed.code()).isEqualTo(4401);
        assertThat(closed.reason()).contains("token expired");
    }

    @Test
    void aSessionThatEndedCancelsItsExpiry() {
        RawWs ws = RawWs.connect(server.wsUri(), "kefu.v1.json");
        ws.send("{\"t\":\"hello\",\"id\":\"1\",\"token\":\"" + server.buyerToken("b-leaving") + "\"}");
        assertThat(ws.next().get("t").asText()).isEqualTo("ok");
        ws.close();

        RawWs other = RawWs.connect(server.wsUri(), "kefu.v1.json");
        other.send("{\"t\":\"hello\",\"id\":\"1\",\"token\":\"" + server.buyerToken("b-staying") + "\"}");
        assertThat(other.next().get("t").asText()).isEqualTo("ok");
        server.advance(Duration.ofSeconds(30)); // well before the new token's expiry

        other.send("{\"t\":\"ping\",\"id\":\"p2\"}");
        assertThat(other.next().get("re").asText()).isEqualTo("p2");
        other.close();
    }
}
