package io.kefu.server.routing;

import static io.kefu.server.TestClients.join;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kefu.client.Encoding;
import io.kefu.protocol.ConvAssigned;
import io.kefu.protocol.ConvQueued;
import io.kefu.protocol.ConvTransferred;
import io.kefu.protocol.Notice;
import io.kefu.server.TestClients;
import io.kefu.server.TestClients.Agent;
import io.kefu.server.TestClients.Buyer;
import io.kefu.server.TestServer;
import io.kefu.server.TestServer.ShopFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restart brings the queue back in the same order with its priorities, and the clocks that were
 * running go on: a queued buyer's timeout notice and an assigned agent's grace period.
 */
@Timeout(90)
class RoutingRestartIT {

    @Test
    void theQueueAndItsRunningTimersComeBackAfterARestart(@TempDir Path dir) {
        TestServer server = TestServer.h2FileWithManualTime(dir, Instant.parse("2026-12-01T02:00:00Z"));
        server.start();
        ShopFixture shop;
        List<String> order = new ArrayList<>();
        String held;
        try (TestClients clients = new TestClients(server, Encoding.JSON)) {
            shop = server.newShop();
            server.request("PUT", "/api/v1/shops/" + shop.shopId() + "/routing", TestServer.ADMIN_KEY,
                    TestServer.parse("{\"queueTimeoutSec\":120,\"graceSec\":60,\"noAnswerSec\":0}"));
            Agent agent = clients.agent(shop.agent1(), true);
            Buyer served = clients.buyer("rr-served");
            held = join(served.session().open(shop.shopId(), null, "hi")).conv();
            agent.pushes().await(ConvAssigned.class);
            Buyer filler = clients.buyer("rr-filler");
            join(filler.session().open(shop.shopId(), null, "hi"));
            agent.pushes().await(ConvAssigned.class);
            for (String text : new String[] {"normal one", "被骗了", "normal two"}) {
                Buyer b = clients.buyer("rr-" + text.hashCode());
                String conv = join(b.session().open(shop.shopId(), null, text)).conv();
                b.pushes().await(ConvQueued.class, q -> q.conv().equals(conv));
                order.add(conv);
            }
            server.advance(Duration.ofSeconds(60));
            // Assignments are written behind the router (making them durable before their push is issue
            // 15's): wait for the store to hold them, so the restart below is tested from a known state.
            String heldConv = held;
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                    server.server().services().conversations().find(heldConv).orElseThrow().state()
                            == io.kefu.protocol.ConvState.ASSIGNED);
        } finally {
            server.stop();
        }

        server.start();
        try (TestClients clients = new TestClients(server, Encoding.JSON)) {
            JsonNode queued = TestServer.parse(server.request("GET", "/api/v1/shops/" + shop.shopId() + "/queue",
                    shop.supervisor().token(), null).body()).path("groups").get(0).path("queued");
            assertThat(queued).extracting(q -> q.path("conv").asText())
                    .containsExactly(order.get(1), order.get(0), order.get(2));
            assertThat(queued.get(0).path("priority").asText()).isEqualTo("urgent");
            assertThat(queued.get(1).path("waitedSec").asLong()).as("the wait counts from before the restart")
                    .isGreaterThanOrEqualTo(60);

            Buyer waiting = clients.buyer("rr-" + "normal one".hashCode());
            Buyer served = clients.buyer("rr-served");
            server.advance(Duration.ofSeconds(61));

            assertThat(waiting.pushes().await(Notice.class).code()).as("120 s since queued, across the restart")
                    .isEqualTo(Notice.QUEUE_TIMEOUT);
            ConvTransferred back = served.pushes().await(ConvTransferred.class);
            assertThat(back.conv()).isEqualTo(held);
            assertThat(back.reason()).as("the agent did not come back within the grace period")
                    .isEqualTo(ConvTransferred.AGENT_OFFLINE);
        } finally {
            server.stop();
        }
    }
}
