package io.kefu.server.webhooks;

import static io.kefu.server.TestClients.join;
import static io.kefu.server.TestServer.ADMIN_KEY;
import static io.kefu.server.TestServer.assertApiError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kefu.client.Encoding;
import io.kefu.protocol.ConvAssigned;
import io.kefu.protocol.ConvClosed;
import io.kefu.server.TestClients;
import io.kefu.server.TestServer;
import io.kefu.server.TestServer.ShopFixture;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Webhooks on a real server (contract §10, docs/webhooks.md): the endpoints, their checks and walls; routing's events
 * reaching a real receiver signed; and a receiver that hangs never holding up a message's {@code ok}.
 */
@Timeout(120)
class WebhooksIT {
    private static final String SECRET = "receiver-secret-0123";

    @RegisterExtension
    static final TestServer server = TestServer.h2WithManualTime(Instant.parse("2026-12-01T08:00:00Z"), b -> b);

    private static String hooks(ShopFixture shop) {
        return "/api/v1/shops/" + shop.shopId() + "/webhooks";
    }

    static ObjectNode hookJson(String url, String secret, String... events) {
        ObjectNode body = TestServer.obj().put("url", url).put("secret", secret);
        var array = body.putArray("events");
        for (String e : events) {
            array.add(e);
        }
        return body;
    }

    @Test
    void shopAdminsAddListAndDeleteWebhooksAndNobodyElseMay() {
        ShopFixture shop = server.newShop();
        ShopFixture other = server.newShop();
        TestServer.Login admin = server.agent(shop.shopId(), "owner", "admin", 1, shop.preSales());
        TestServer.Login otherAdmin = server.agent(other.shopId(), "owner", "admin", 1, other.preSales());

        String id = server.post(hooks(shop), admin.token(), hookJson("https://shop.example/kefu", SECRET,
                "message.created", "conversation.closed")).get("id").asText();
        JsonNode list = TestServer.parse(server.request("GET", hooks(shop), admin.token(), null).body());

        JsonNode hook = list.get("webhooks").get(0);
        assertThat(list.get("webhooks")).hasSize(1);
        assertThat(hook.get("id").asText()).isEqualTo(id);
        assertThat(hook.get("url").asText()).isEqualTo("https://shop.example/kefu");
        assertThat(hook.get("events")).extracting(JsonNode::asText).containsExactly("conversation.closed", "message.created");
        assertThat(hook.get("delivery").get("pending").asInt()).isZero();
        assertThat(list.toString()).doesNotContain(SECRET);
        // the walls: another shop's admin, the shop's own supervisor, a buyer
        assertApiError(server.request("GET", hooks(shop), otherAdmin.token(), null), 403, "forbidden");
        assertApiError(server.request("POST", hooks(shop), otherAdmin.token(), hookJson("https://x.example", SECRET,
                "message.created")), 403, "forbidden");
        assertApiError(server.request("DELETE", hooks(shop) + "/" + id, otherAdmin.token(), null), 403, "forbidden");
        assertApiError(server.request("GET", hooks(shop) + "/" + id + "/deliveries", otherAdmin.token(), null), 403,
                "forbidden");
        assertApiError(server.request("GET", hooks(shop), shop.supervisor().token(), null), 403, "forbidden");
        assertApiError(server.request("GET", hooks(shop), server.buyerToken("b-hooks"), null), 403, "forbidden");
        // another shop's webhook id through one's own shop: not found
        assertApiError(server.request("DELETE", hooks(other) + "/" + id, otherAdmin.token(), null), 404, "not_found");
        assertApiError(server.request("GET", hooks(other) + "/" + id + "/deliveries", otherAdmin.token(), null), 404,
                "not_found");

        assertThat(server.request("DELETE", hooks(shop) + "/" + id, admin.token(), null).statusCode()).isEqualTo(200);
        assertThat(TestServer.parse(server.request("GET", hooks(shop), ADMIN_KEY, null).body()).get("webhooks")).isEmpty();
        assertApiError(server.request("DELETE", hooks(shop) + "/" + id, admin.token(), null), 404, "not_found");
    }

    @Test
    void badBodiesAreRefusedNamingTheField() {
        ShopFixture shop = server.newShop();

        assertApiError(server.request("POST", hooks(shop), ADMIN_KEY, hookJson("ftp://shop.example/x", SECRET,
                "message.created")), 400, "bad_frame", "'url'", "http");
        assertApiError(server.request("POST", hooks(shop), ADMIN_KEY, hookJson("https://shop.example/" + "a".repeat(2048),
                SECRET, "message.created")), 400, "bad_frame", "'url'", "2048");
        assertApiError(server.request("POST", hooks(shop), ADMIN_KEY, hookJson("https://shop.example/x", SECRET,
                "message.created", "order.paid")), 400, "bad_frame", "'events'", "order.paid",
                "conversation.opened, conversation.closed, message.created, aftersale.updated, rating.created");
        assertApiError(server.request("POST", hooks(shop), ADMIN_KEY, hookJson("https://shop.example/x", SECRET)), 400,
                "bad_frame", "'events'");
        assertApiError(server.request("POST", hooks(shop), ADMIN_KEY, hookJson("https://shop.example/x", "short",
                "message.created")), 400, "bad_frame", "'secret'", "16..200");
        ObjectNode noSecret = hookJson("https://shop.example/x", SECRET, "message.created");
        noSecret.remove("secret");
        assertApiError(server.request("POST", hooks(shop), ADMIN_KEY, noSecret), 400, "bad_frame", "'secret'");
        for (int i = 0; i < WebhookRules.MAX_PER_SHOP; i++) {
            server.post(hooks(shop), ADMIN_KEY, hookJson("https://shop.example/" + i, SECRET, "message.created"));
        }
        assertApiError(server.request("POST", hooks(shop), ADMIN_KEY, hookJson("https://shop.example/x", SECRET,
                "message.created")), 409, "invalid_state", "" + WebhookRules.MAX_PER_SHOP);
    }

    @Test
    void aConversationsEventsReachTheReceiverSignedAndLogged() throws Exception {
        ShopFixture shop = server.newShop();
        try (Receiver receiver = new Receiver(); TestClients clients = new TestClients(server, Encoding.JSON)) {
            String id = server.post(hooks(shop), ADMIN_KEY, hookJson(receiver.url(), SECRET, "conversation.opened",
                    "conversation.closed", "message.created", "rating.created")).get("id").asText();
            TestClients.Agent agent = clients.agent(shop.agent1(), true);
            TestClients.Buyer buyer = clients.buyer("b-hooked");

            String conv = join(buyer.session().open(shop.shopId(), null, "在吗？")).conv();
            agent.pushes().await(ConvAssigned.class);
            long seq = join(agent.session().sendText(conv, "在的")).seq();
            join(agent.session().close(conv, "resolved"));
            buyer.pushes().await(ConvClosed.class);
            join(buyer.session().rate(conv, 5, "很好"));

            await().until(() -> receiver.calls("rating.created").size() == 1
                    && receiver.calls("conversation.closed").size() == 1);
            for (Receiver.Call call : receiver.calls()) {
                assertThat(call.signature()).isEqualTo(WebhookDispatcherTest.hmac(SECRET, call.body()));
                assertThat(call.json().get("shopId").asText()).isEqualTo(shop.shopId());
                assertThat(call.json().get("data").get("conv").asText()).isEqualTo(conv);
            }
            JsonNode opened = receiver.calls("conversation.opened").get(0).json().get("data");
            assertThat(opened.get("buyerId").asText()).isEqualTo("b-hooked");
            JsonNode reply = receiver.calls("message.created").stream().map(c -> c.json().get("data"))
                    .filter(d -> d.get("seq").asLong() == seq).findFirst().orElseThrow();
            assertThat(reply.get("from").get("type").asText()).isEqualTo("agent");
            assertThat(reply.get("from").get("id").asText()).isEqualTo(shop.agent1().id());
            assertThat(reply.get("kind").asText()).isEqualTo("text");
            assertThat(reply.get("body").get("text").asText()).isEqualTo("在的");
            assertThat(receiver.calls("message.created")).extracting(c -> c.json().get("data").get("from").get("type")
                    .asText()).contains("buyer", "agent").doesNotContain("system");
            JsonNode closed = receiver.calls("conversation.closed").get(0).json().get("data");
            assertThat(closed.get("reason").asText()).isEqualTo("resolved");
            JsonNode rated = receiver.calls("rating.created").get(0).json().get("data");
            assertThat(rated.get("score").asInt()).isEqualTo(5);
            assertThat(rated.get("comment").asText()).isEqualTo("很好");
            await().untilAsserted(() -> {
                JsonNode log = TestServer.parse(server.request("GET", hooks(shop) + "/" + id + "/deliveries?limit=100",
                        ADMIN_KEY, null).body());
                assertThat(log.get("deliveries")).hasSize(receiver.calls().size())
                        .allSatisfy(d -> assertThat(d.get("state").asText()).isEqualTo("delivered"));
            });
        }
    }

    @Test
    void everyChangeOfAnAfterSaleTicketReachesTheReceiver() throws Exception {
        ShopFixture shop = server.newShop();
        try (Receiver receiver = new Receiver()) {
            server.post(hooks(shop), ADMIN_KEY, hookJson(receiver.url(), SECRET, "aftersale.updated"));
            ObjectNode order = TestServer.obj().put("buyerId", "b-refund").put("status", "paid").put("total", 5_000);
            order.putArray("items").addObject().put("productId", "p-1").put("title", "保温杯").put("qty", 1)
                    .put("price", 5_000);
            order.putObject("address").put("name", "李四").put("phone", "13900000000").put("region", "杭州市")
                    .put("detail", "文一西路 1 号");
            assertThat(server.request("PUT", "/api/v1/shops/" + shop.shopId() + "/orders/W-1", ADMIN_KEY, order)
                    .statusCode()).isEqualTo(200);

            String tickets = "/api/v1/shops/" + shop.shopId() + "/aftersales";
            String id = server.post(tickets, shop.agent1().token(), TestServer.obj().put("orderNo", "W-1")
                    .put("type", "refund").put("reason", "不想要了")).get("id").asText();
            server.post(tickets + "/" + id + "/approve", shop.agent1().token(), TestServer.obj());

            await().until(() -> receiver.calls("aftersale.updated").size() == 2);
            List<JsonNode> data = receiver.calls("aftersale.updated").stream().map(c -> c.json().get("data")).toList();
            assertThat(data).extracting(d -> d.get("id").asText()).containsOnly(id);
            assertThat(data).extracting(d -> d.get("state").asText()).containsExactlyInAnyOrder("requested", "approved");
            assertThat(receiver.calls("aftersale.updated")).allSatisfy(c ->
                    assertThat(c.json().get("shopId").asText()).isEqualTo(shop.shopId()));
        }
    }

    @Test
    void aReceiverThatHangsNeverHoldsUpAMessagesOk() {
        ShopFixture shop = server.newShop();
        try (Receiver receiver = new Receiver(); TestClients clients = new TestClients(server, Encoding.JSON)) {
            receiver.hang();
            String id = server.post(hooks(shop), ADMIN_KEY, hookJson(receiver.url(), SECRET, "message.created"))
                    .get("id").asText();
            TestClients.Agent agent = clients.agent(shop.agent1(), true);
            TestClients.Buyer buyer = clients.buyer("b-hung");
            String conv = join(buyer.session().open(shop.shopId(), null, "在吗？")).conv();
            agent.pushes().await(ConvAssigned.class);
            await().until(() -> receiver.calls().size() == 1); // the buyer's first message: its call hangs

            List<CompletableFuture<?>> oks = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                oks.add(agent.session().sendText(conv, "回复 " + i));
            }

            oks.forEach(TestClients::join); // every ok, while the receiver holds its calls
            assertThat(receiver.calls().size()).isBetween(1, WebhookDispatcher.Settings.DEFAULT.maxInFlightPerShop());
            await().untilAsserted(() -> assertThat(TestServer.parse(server.request("GET", hooks(shop), ADMIN_KEY, null)
                    .body()).get("webhooks").get(0).get("delivery").get("pending").asInt()).isEqualTo(31));
            assertThat(id).isNotBlank();
        }
    }
}
