package io.kefu.server.webhooks;

import static io.kefu.server.TestClients.join;
import static io.kefu.server.TestServer.ADMIN_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kefu.client.Encoding;
import io.kefu.server.TestClients;
import io.kefu.server.TestServer;
import io.kefu.server.TestServer.ShopFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A restart keeps a shop's webhooks and takes up their pending deliveries again (H2 file, manual clock). */
@Timeout(120)
class WebhooksRestartIT {
    @RegisterExtension
    static final TestServer server = TestServer.h2FileWithManualTime(dirOf(), Instant.parse("2026-12-01T08:00:00Z"));

    private static Path dirOf() {
        try {
            return java.nio.file.Files.createTempDirectory("kefu-webhooks-restart");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void webhooksAndPendingDeliveriesSurviveARestart() {
        ShopFixture shop = server.newShop();
        String hooks = "/api/v1/shops/" + shop.shopId() + "/webhooks";
        try (Receiver receiver = new Receiver()) {
            receiver.answer(503);
            String id = server.post(hooks, ADMIN_KEY, WebhooksIT.hookJson(receiver.url(), "receiver-secret-0123",
                    "conversation.opened")).get("id").asText();
            try (TestClients clients = new TestClients(server, Encoding.JSON)) {
                join(clients.buyer("b-restart").session().open(shop.shopId(), null, "在吗？"));
            }
            await().untilAsserted(() -> assertThat(latest(hooks).get("attempts").asInt()).isEqualTo(1));
            String deliveryId = latest(hooks).get("id").asText();

            server.stop();
            receiver.answer(200);
            server.start();
            server.advance(Duration.ofSeconds(1)); // past the first retry's time

            await().untilAsserted(() -> assertThat(latest(hooks).get("state").asText()).isEqualTo("delivered"));
            JsonNode hook = TestServer.parse(server.request("GET", hooks, ADMIN_KEY, null).body()).get("webhooks").get(0);
            assertThat(hook.get("id").asText()).isEqualTo(id);
            assertThat(latest(hooks).get("id").asText()).isEqualTo(deliveryId);
            assertThat(latest(hooks).get("attempts").asInt()).isEqualTo(2);
            assertThat(receiver.calls()).extracting(Receiver.Call::deliveryId).containsExactly(deliveryId, deliveryId);
        }
    }

    private static JsonNode latest(String hooks) {
        JsonNode list = TestServer.parse(server.request("GET", hooks, ADMIN_KEY, null).body());
        return list.get("webhooks").get(0).get("delivery").get("latest");
    }
}
