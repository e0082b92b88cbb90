package io.kefu.server.aftersales;

import static io.kefu.server.TestClients.join;
import static io.kefu.server.TestServer.ADMIN_KEY;
import static io.kefu.server.TestServer.assertApiError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kefu.client.Encoding;
import io.kefu.protocol.ConvQueued;
import io.kefu.server.TestClients;
import io.kefu.server.TestClients.Buyer;
import io.kefu.server.TestServer;
import io.kefu.server.TestServer.ShopFixture;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A shop's buyer profile (contract §10): tags and note the shop sets, orders and spend from its order source,
 * conversations and after-sales counted in the store, when the buyer was last seen; bounded input; the walls; the
 * tags are what routing reads for the next conversation.
 */
@Timeout(120)
class BuyerProfilesIT {
    @RegisterExtension
    static final TestServer server = TestServer.h2();

    private static String profile(ShopFixture shop, String buyerId) {
        return "/api/v1/shops/" + shop.shopId() + "/buyers/" + buyerId;
    }

    @Test
    void theProfileCountsOrdersSpendConversationsAndAfterSales() {
        ShopFixture shop = server.newShop();
        ShopFixture other = server.newShop();
        String buyerId = "profile-" + UUID.randomUUID();
        AfterSalesIT.putOrder(server, shop, "PF-1", buyerId, "completed", 1_000);
        AfterSalesIT.putOrder(server, shop, "PF-2", buyerId, "paid", 2_500);
        AfterSalesIT.putOrder(server, shop, "PF-3", buyerId, "cancelled", 9_999);
        AfterSalesIT.putOrder(server, other, "PF-9", buyerId, "paid", 7_000);
        AfterSalesIT.ok(server.request("POST", AfterSalesIT.tickets(shop), shop.agent1().token(),
                AfterSalesIT.ticket("PF-1", "refund")));
        String conv;
        try (TestClients clients = new TestClients(server, Encoding.JSON)) {
            Buyer buyer = clients.buyer(buyerId);
            conv = join(buyer.session().open(shop.shopId(), null, "在吗")).conv();
        }
        String convId = conv;
        await().atMost(Duration.ofSeconds(20)).until(() -> server.server().services().conversations().find(convId)
                .isPresent());

        JsonNode p = AfterSalesIT.ok(server.request("GET", profile(shop, buyerId), shop.agent1().token(), null));

        assertThat(p.path("id").asText()).isEqualTo(buyerId);
        assertThat(p.path("name").asText()).isEqualTo("buyer " + buyerId);
        assertThat(p.path("tags")).isEmpty();
        assertThat(p.path("note").isNull()).isTrue();
        assertThat(p.path("orders").asLong()).as("not the cancelled one, nor the other shop's").isEqualTo(2);
        assertThat(p.path("spent").asLong()).isEqualTo(3_500);
        assertThat(p.path("conversations").asLong()).isEqualTo(1);
        assertThat(p.path("aftersales").asLong()).isEqualTo(1);
        assertThat(p.path("lastSeenAt").asLong()).isPositive();
        JsonNode elsewhere = AfterSalesIT.ok(server.request("GET", profile(other, buyerId), other.agent1().token(),
                null));
        assertThat(elsewhere.path("conversations").asLong()).isZero();
        assertThat(elsewhere.path("aftersales").asLong()).isZero();
        assertThat(elsewhere.path("lastSeenAt").isNull()).isTrue();
        assertThat(elsewhere.path("spent").asLong()).isEqualTo(7_000);
    }

    @Test
    void tagsAndNoteAreBoundedAndOnlyTheShopsStaffReadOrWriteThem() {
        ShopFixture shop = server.newShop();
        ShopFixture other = server.newShop();
        String buyerId = "profile-" + UUID.randomUUID();
        server.buyerToken(buyerId);
        ObjectNode tooMany = TestServer.obj();
        for (int i = 0; i < 51; i++) {
            tooMany.withArray("tags").add("t" + i);
        }
        ObjectNode tooLong = TestServer.obj();
        tooLong.putArray("tags").add("x".repeat(51));

        JsonNode saved = AfterSalesIT.ok(server.request("PUT", profile(shop, buyerId), shop.agent1().token(),
                TestServer.parse("{\"tags\":[\"回头客\",\"wholesale\"],\"note\":\"只发顺丰\"}")));

        assertThat(saved.path("tags").toString()).isEqualTo("[\"回头客\",\"wholesale\"]");
        assertThat(saved.path("note").asText()).isEqualTo("只发顺丰");
        assertThat(saved.path("orders").asLong()).isZero();
        assertThat(saved.has("lastSeenAt")).isTrue();
        assertApiError(server.request("PUT", profile(shop, buyerId), shop.agent1().token(), tooMany), 400,
                "bad_frame", "'tags'", "50");
        assertApiError(server.request("PUT", profile(shop, buyerId), shop.agent1().token(), tooLong), 400,
                "bad_frame", "'tags'");
        assertApiError(server.request("PUT", profile(shop, buyerId), shop.agent1().token(),
                TestServer.obj().put("note", "n".repeat(2_001))), 400, "bad_frame", "'note'");
        assertApiError(server.request("GET", profile(shop, buyerId), other.agent1().token(), null), 403,
                "forbidden");
        assertApiError(server.request("GET", profile(shop, buyerId), server.buyerToken(buyerId), null), 403,
                "forbidden");
        assertThat(AfterSalesIT.ok(server.request("GET", profile(other, buyerId), ADMIN_KEY, null)).path("tags"))
                .as("another shop's view has its own tags").isEmpty();
    }

    @Test
    void theStoredTagsAreWhatRoutingReadsForTheNextConversation() {
        ShopFixture shop = server.newShop();
        String buyerId = "profile-" + UUID.randomUUID();
        AfterSalesIT.ok(server.request("PUT", profile(shop, buyerId), shop.supervisor().token(),
                TestServer.parse("{\"tags\":[\"vip\"]}")));
        try (TestClients clients = new TestClients(server, Encoding.JSON)) {
            Buyer buyer = clients.buyer(buyerId);
            String conv = join(buyer.session().open(shop.shopId(), null, "你好")).conv();

            ConvQueued queued = buyer.pushes().await(ConvQueued.class, q -> q.conv().equals(conv));

            assertThat(queued.priority()).isEqualTo(ConvQueued.VIP);
        }
    }
}
