package io.kefu.server.aftersales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kefu.server.TestServer;
import io.kefu.server.TestServer.ShopFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A requested ticket's reply-by time is in the store: after a restart the server still approves it on time. */
@Timeout(90)
class AutoApprovalRestartIT {

    @Test
    void theDeadlineOfARequestedTicketSurvivesARestart(@TempDir Path dir) {
        TestServer server = TestServer.h2FileWithManualTime(dir, Instant.parse("2026-06-01T02:00:00Z"));
        server.start();
        ShopFixture shop;
        String id;
        String path;
        try {
            shop = server.newShop();
            AfterSalesIT.putOrder(server, shop, "RS-1", "restart-buyer", "delivered", 2_000);
            path = AfterSalesIT.tickets(shop);
            id = AfterSalesIT.ok(server.request("POST", path, shop.agent1().token(),
                    AfterSalesIT.ticket("RS-1", "refund"))).path("id").asText();
            server.advance(Duration.ofHours(47));
        } finally {
            server.stop();
        }

        server.start();
        try {
            String token = TestServer.ADMIN_KEY; // the staff's tokens expired in the 47 hours
            String before = AfterSalesIT.ok(server.request("GET", path + "/" + id, token, null)).path("state").asText();
            server.advance(Duration.ofHours(1).plusMinutes(2));

            assertThat(before).isEqualTo("requested");
            await().atMost(Duration.ofSeconds(20)).until(() -> AfterSalesIT.ok(server.request("GET", path + "/" + id,
                    token, null)).path("state").asText().equals("approved"));
            assertThat(AfterSalesIT.ok(server.request("GET", path + "/" + id, token, null)).path("history")
                    .findValuesAsText("role")).containsExactly("agent", "system");
        } finally {
            server.stop();
        }
    }
}
