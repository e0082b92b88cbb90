package io.kefu.server.gateway;

import static io.kefu.server.TestClients.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kefu.client.Encoding;
import io.kefu.protocol.ConvAssigned;
import io.kefu.server.RawSocket;
import io.kefu.server.RawWs;
import io.kefu.server.TestClients;
import io.kefu.server.TestClients.Agent;
import io.kefu.server.TestServer;
import io.kefu.server.TestServer.ShopFixture;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Limits that need a server of their own: slow consumers, the origin allow-list, draining at shutdown. */
@Timeout(120)
class GatewayLimitsIT {

    @Test
    void aClientThatStopsReadingIsClosedAndTheServerGoesOn() throws Exception {
        ch.qos.logback.classic.Logger connectionLog =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(io.kefu.server.session.Connection.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged =
                new ch.qos.logback.core.read.ListAppender<>();
        logged.start();
        ch.qos.logback.classic.Level level = connectionLog.getLevel();
        connectionLog.setLevel(ch.qos.logback.classic.Level.INFO);
        connectionLog.addAppender(logged);
        TestServer server = TestServer.h2(b -> b.ratePerSec(100_000).rateBurst(100_000)
                .writeLowWater(16 * 1024).writeHighWater(32 * 1024).maxOutboundBytes(256 * 1024)
                .maxTextChars(5000));
        server.start();
        try (TestClients clients = new TestClients(server, Encoding.JSON)) {
            ShopFixture shop = server.newShop();
            Agent agent = clients.agent(shop.agent1(), true);
            String buyerToken = server.buyerToken("slow-buyer");
            try (Socket slow = new Socket()) {
                slow.setReceiveBufferSize(4096);
                slow.connect(new InetSocketAddress("127.0.0.1", server.server().port()));
                OutputStream out = slow.getOutputStream();
                assertThat(RawSocket.upgrade(slow)).startsWith("HTTP/1.1 101");
                out.write(RawSocket.maskedText("{\"t\":\"hello\",\"id\":\"1\",\"token\":\"" + buyerToken + "\"}"));
                out.write(RawSocket.maskedText("{\"t\":\"open\",\"id\":\"2\",\"shopId\":\"" + shop.shopId() + "\"}"));
                out.flush();
                ConvAssigned assigned = agent.pushes().await(ConvAssigned.class);
                String text = "货".repeat(3000);
                // From here on the buyer reads nothing; the agent keeps talking.
                for (int i = 0; i < 3000 && server.server().services().sessions().isConnected("slow-buyer"); i++) {
                    join(agent.session().sendText(assigned.conv(), text));
                }
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> !server.server().services().sessions().isConnected("slow-buyer"));
            }
            // Every push that raced to the cut was dropped, but the cut is made and logged once.
            assertThat(logged.list).filteredOn(e -> e.getFormattedMessage().startsWith("closing slow consumer"))
                    .hasSize(1);
            assertThat(join(agent.session().sendText(join(clients.buyer("fast-buyer").session()
                    .open(shop.shopId(), null, null)).conv(), "hello")).seq()).isPositive();
        } finally {
            connectionLog.detachAppender(logged);
            connectionLog.setLevel(level);
            server.stop();
        }
    }

    @Test
    void upgradesFromOriginsOffTheListAreRefused() {
        TestServer server = TestServer.h2(b -> b.allowedOrigins(List.of("https://shop.example")));
        server.start();
        try {
            URI uri = server.wsUri();
            CompletionException refused = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
                    () -> HttpClient.newHttpClient().newWebSocketBuilder().header("Origin", "https://evil.example")
                            .buildAsync(uri, new WebSocket.Listener() { }).join());
            assertThat(refused.getCause()).isInstanceOfSatisfying(java.net.http.WebSocketHandshakeException.class,
                    e -> assertThat(e.getResponse().statusCode()).isEqualTo(403));
            WebSocket ok = HttpClient.newHttpClient().newWebSocketBuilder().header("Origin", "https://shop.example")
                    .buildAsync(uri, new WebSocket.Listener() { }).join();
            ok.abort();
        } finally {
            server.stop();
        }
    }

    @Test
    void shutdownTellsClientsToGoAway() {
        TestServer server = TestServer.h2();
        server.start();
        RawWs ws = RawWs.connect(server.wsUri(), "kefu.v1.json");
        ws.send("{\"t\":\"hello\",\"id\":\"1\",\"token\":\"" + server.buyerToken("b-drain") + "\"}");
        assertThat(ws.next().get("t").asText()).isEqualTo("ok");

        server.stop();

        assertThat(ws.awaitClose(Duration.ofSeconds(10)).code()).isEqualTo(1001);
    }
}
