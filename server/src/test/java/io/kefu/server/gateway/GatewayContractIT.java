package io.kefu.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kefu.protocol.Role;
import io.kefu.server.RawSocket;
import io.kefu.server.RawWs;
import io.kefu.server.TestServer;
import io.kefu.server.auth.JwtService;
import io.kefu.server.auth.Principal;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The gateway as an outside client sees it, written from the contract alone: raw JSON frames over a
 * real socket, close codes, limits, and that one client's bad input never hurts another.
 */
@Timeout(30)
class GatewayContractIT {
    @RegisterExtension
    static final TestServer server = TestServer.h2(b -> b.helloTimeoutSec(1).heartbeatSec(1)
            .ratePerSec(20).rateBurst(20).rateStrikes(3).maxFrameBytes(8192));

    private RawWs buyer(String buyerId) {
        RawWs ws = RawWs.connect(server.wsUri(), "kefu.v1.json");
        ws.send("{\"t\":\"hello\",\"id\":\"h\",\"token\":\"" + server.buyerToken(buyerId) + "\"}");
        JsonNode ok = ws.next();
        assertThat(ok.get("t").asText()).isEqualTo("ok");
        return ws;
    }

    @Test
    void helloAnswersWithTheSessionAndPingGetsPong() {
        try (RawWs ws = RawWs.connect(server.wsUri(), "kefu.v1.json")) {
            assertThat(ws.subprotocol()).isEqualTo("kefu.v1.json");
            ws.send("{\"t\":\"hello\",\"id\":\"1\",\"token\":\"" + server.buyerToken("b-hello") + "\"}");
            JsonNode ok = ws.next();
            assertThat(ok.get("t").asText()).isEqualTo("ok");
            assertThat(ok.get("re").asText()).isEqualTo("1");
            assertThat(ok.get("userId").asText()).isEqualTo("b-hello");
            assertThat(ok.get("role").asText()).isEqualTo("buyer");
            assertThat(ok.get("sessionId").isTextual()).isTrue();
            assertThat(ok.get("heartbeatSec").asInt()).isEqualTo(1);
            assertThat(ok.get("serverTime").asLong()).isPositive();
            assertThat(ok.get("conversations").isArray()).isTrue();

            ws.send("{\"t\":\"ping\"}");
            JsonNode pong = ws.next();
            assertThat(pong.get("t").asText()).isEqualTo("pong");
            assertThat(pong.get("ts").asLong()).isPositive();
        }
    }

    @Test
    void noSubprotocolMeansJson() {
        try (RawWs ws = RawWs.connect(server.wsUri(), null)) {
            ws.send("{\"t\":\"hello\",\"id\":\"1\",\"token\":\"" + server.buyerToken("b-nosub") + "\"}");
            assertThat(ws.next().get("t").asText()).isEqualTo("ok");
        }
    }

    @Test
    void aFrameBeforeHelloClosesWith4401() {
        try (RawWs ws = RawWs.connect(server.wsUri(), "kefu.v1.json")) {
            ws.send("{\"t\":\"ping\"}");
            JsonNode error = ws.next();
            assertThat(error.get("code").asText()).isEqualTo("unauthorized");
            assertThat(ws.awaitClose(Duration.ofSeconds(5)).code()).isEqualTo(4401);
        }
    }

    @Test
    void aWronglySignedTokenIsRefused() {
        JwtService other = new JwtService("another-secret-another-secret-another-secret!".getBytes(StandardCharsets.UTF_8),
                Clock.systemUTC());
        String token = other.issue(Principal.buyer("b-forged", "x"), Duration.ofMinutes(5));
        assertRefused(token);
    }

    @Test
    void anExpiredTokenIsRefused() {
        JwtService past = new JwtService("test-jwt-secret-0123456789-0123456789-abcdef".getBytes(StandardCharsets.UTF_8),
                Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC));
        assertRefused(past.issue(Principal.staff("a-x", Role.AGENT, "s-x", "x"), Duration.ofMinutes(5)));
    }

    @Test
    void garbageTokenIsRefused() {
        assertRefused("not.a.jwt");
    }

    private void assertRefused(String token) {
        try (RawWs ws = RawWs.connect(server.wsUri(), "kefu.v1.json")) {
            ws.send("{\"t\":\"hello\",\"id\":\"1\",\"token\":\"" + token + "\"}");
            JsonNode error = ws.next();
            assertThat(error.get("t").asText()).isEqualTo("error");
            assertThat(error.get("re").asText()).isEqualTo("1");
            assertThat(error.get("code").asText()).isEqualTo("unauthorized");
            assertThat(error.get("message").asText()).isNotBlank();
            assertThat(ws.awaitClose(Duration.ofSeconds(5)).code()).isEqualTo(4401);
        }
    }

    @Test
    void noHelloWithinTheLimitClosesWith4401() {
        try (RawWs ws = RawWs.connect(server.wsUri(), "kefu.v1.json")) {
            assertThat(ws.awaitClose(Duration.ofSeconds(5)).code()).isEqualTo(4401);
        }
    }

    @Test
    void badFramesGetErrorsAndTheConnectionGoesOn() {
        try (RawWs ws = buyer("b-bad"); RawWs bystander = buyer("b-bystander")) {
            ws.send("this is not json");
            assertError(ws.next(), null, "bad_frame");
            ws.send("{\"t\":\"nope\",\"id\":\"9\"}");
            assertError(ws.next(), "9", "bad_frame");
            ws.send("{\"t\":\"send\",\"id\":\"3\"}");
            assertError(ws.next(), "3", "bad_frame");
            ws.send("{\"t\":\"send\",\"id\":\"4\",\"conv\":5,\"cmid\":\"m\",\"kind\":\"text\",\"body\":{\"text\":\"x\"}}");
            assertError(ws.next(), "4", "bad_frame");
            ws.send("[1,2,3]");
            assertError(ws.next(), null, "bad_frame");
            ws.send("{\"t\":\"msg\",\"id\":\"5\",\"conv\":\"c\",\"seq\":1,\"from\":{\"type\":\"agent\",\"id\":\"a\"},"
                    + "\"kind\":\"text\",\"body\":{},\"ts\":1}");
            // A server push type carries no request id in the model, so the answer has no re.
            assertError(ws.next(), null, "bad_frame");
            ws.send("{\"t\":\"history\",\"id\":\"6\",\"conv\":\"no-such-conv\"}");
            assertError(ws.next(), "6", "not_found");

            ws.send("{\"t\":\"ping\"}");
            assertThat(ws.next().get("t").asText()).isEqualTo("pong");
            bystander.send("{\"t\":\"ping\"}");
            assertThat(bystander.next().get("t").asText()).isEqualTo("pong");
        }
    }

    private static void assertError(JsonNode frame, String re, String code) {
        assertThat(frame.get("t").asText()).isEqualTo("error");
        assertThat(frame.get("code").asText()).isEqualTo(code);
        assertThat(frame.get("message").asText()).isNotBlank();
        if (re == null) {
            assertThat(frame.has("re")).isFalse();
        } else {
            assertThat(frame.get("re").asText()).isEqualTo(re);
        }
    }

    @Test
    void anOversizedFrameClosesWith1009() {
        try (RawWs ws = buyer("b-big")) {
            ws.send("{\"t\":\"ping\",\"pad\":\"" + "x".repeat(10_000) + "\"}");
            assertThat(ws.awaitClose(Duration.ofSeconds(5)).code()).isEqualTo(1009);
        }
    }

    @Test
    void floodingGetsRateLimitedThenClosedWith4429() {
        try (RawWs ws = buyer("b-flood")) {
            for (int i = 0; i < 200 && ws.trySend("{\"t\":\"ping\",\"id\":\"p" + i + "\"}"); i++) {
                // as fast as the socket takes them
            }
            RawWs.UntilClose result = ws.framesUntilClose(Duration.ofSeconds(10));
            assertThat(result.frames()).anySatisfy(f -> {
                assertThat(f.path("code").asText()).isEqualTo("rate_limited");
                assertThat(f.path("re").asText()).as("the refused request is named").startsWith("p");
            });
            assertThat(result.closed().code()).isEqualTo(4429);
        }
    }

    @Test
    void aSilentClientIsClosedWith4408() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.server().port())) {
            socket.setSoTimeout(10_000);
            assertThat(RawSocket.upgrade(socket)).startsWith("HTTP/1.1 101");
            // Say nothing at all, not even pong: the hello limit (1 s) or the heartbeat (2 s) ends it.
            assertThat(RawSocket.readCloseCode(socket.getInputStream())).isIn(4401, 4408);
        }
    }

    @Test
    void anAuthenticatedClientThatStopsAnsweringIsClosedWith4408() throws Exception {
        String token = server.buyerToken("b-silent");
        try (Socket socket = new Socket("127.0.0.1", server.server().port())) {
            socket.setSoTimeout(10_000);
            RawSocket.upgrade(socket);
            socket.getOutputStream().write(RawSocket.maskedText("{\"t\":\"hello\",\"id\":\"1\",\"token\":\"" + token + "\"}"));
            assertThat(RawSocket.readCloseCode(socket.getInputStream())).isEqualTo(4408);
        }
    }

    @Test
    void aClientThatOnlyListensStaysConnectedWhilePushesFlow() throws Exception {
        TestServer.ShopFixture shop = server.newShop();
        try (io.kefu.server.TestClients clients = new io.kefu.server.TestClients(server, io.kefu.client.Encoding.JSON);
             RawWs listener = buyer("b-listener")) {
            var agent = clients.agent(shop.agent1(), true);
            listener.send("{\"t\":\"open\",\"id\":\"o\",\"shopId\":\"" + shop.shopId() + "\"}");
            String conv = null;
            while (conv == null) {
                JsonNode f = listener.next();
                if ("ok".equals(f.path("t").asText()) && "o".equals(f.path("re").asText())) {
                    conv = f.get("conv").asText();
                }
            }
            // The buyer says nothing for 3.5 heartbeats (heartbeatSec = 1) while the agent keeps writing;
            // only its automatic pongs go back.
            for (int i = 0; i < 14; i++) {
                io.kefu.server.TestClients.join(agent.session().sendText(conv, "update " + i));
                Thread.sleep(250);
            }
            int messages = 0;
            while (messages < 14) {
                if ("msg".equals(listener.next().path("t").asText())) {
                    messages++;
                }
            }
            assertThat(listener.silentFor(Duration.ofMillis(200))).isTrue();
        }
    }

    @Test
    void healthMetricsAndUnknownPaths() {
        HttpResponse<String> health = server.request("GET", "/health", null, null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(TestServer.parse(health.body()).get("status").asText()).isEqualTo("up");
        HttpResponse<String> metrics = server.request("GET", "/metrics", null, null);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("kefu_gateway_connections").contains("jvm_memory_used_bytes")
                .contains("kefu_process_rss_bytes").contains("kefu_process_fds_open")
                .contains("kefu_gateway_eventloop_delay_seconds").contains("kefu_store_messages_queue_depth")
                .contains("kefu_gateway_eventloop_delay_quantile_seconds{quantile=\"0.99\"}");
        HttpResponse<String> missing = server.request("GET", "/nothing-here-" + UUID.randomUUID(), null, null);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(TestServer.parse(missing.body()).get("code").asText()).isEqualTo("not_found");
    }
}
