package io.kefu.server.orders;

import static io.kefu.server.TestClients.join;
import static io.kefu.server.TestServer.ADMIN_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kefu.client.Encoding;
import io.kefu.client.KefuClientException;
import io.kefu.protocol.Body;
import io.kefu.protocol.ConvAssigned;
import io.kefu.protocol.Entry;
import io.kefu.protocol.ErrorCode;
import io.kefu.protocol.Msg;
import io.kefu.protocol.OkResult.ScriptFillResult;
import io.kefu.protocol.OkResult.SendResult;
import io.kefu.server.TestClients;
import io.kefu.server.TestClients.Agent;
import io.kefu.server.TestClients.Buyer;
import io.kefu.server.TestServer;
import io.kefu.server.TestServer.ShopFixture;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Order cards and the order variables of quick replies through real sockets and the SDK in both encodings
 * (contract §10): a card stores the order's snapshot, another buyer's order is {@code not_found}, a failing source
 * stores nothing, and {@code {order.*}} / {@code {logistics.*}} are filled from the entry or the latest card.
 */
@Timeout(120)
class OrderCardsIT {
    private static final String TEMPLATE = "订单 {order.no}：{order.status}，{logistics.company} {logistics.no}";

    @RegisterExtension
    static final TestServer server = TestServer.h2();

    private static String buyerId() {
        return "buyer-" + UUID.randomUUID();
    }

    private static void putOrder(ShopFixture shop, Order order) {
        HttpResponse<String> r = server.request("PUT", "/api/v1/shops/" + shop.shopId() + "/orders/" + order.orderNo(),
                ADMIN_KEY, OrderJson.json(order));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private static String script(ShopFixture shop) {
        return server.post("/api/v1/shops/" + shop.shopId() + "/scripts", shop.supervisor().token(), TestServer.obj()
                .put("scope", "shop").put("category", "物流").put("title", "物流").put("body", TEMPLATE))
                .path("id").asText();
    }

    private static KefuClientException failure(CompletableFuture<?> f) {
        CompletionException e = catchThrowableOfType(f::join, CompletionException.class);
        assertThat(e).as("the request should have failed").isNotNull();
        assertThat(e.getCause()).isInstanceOf(KefuClientException.class);
        return (KefuClientException) e.getCause();
    }

    private static String chat(ShopFixture shop, Buyer buyer, Agent agent, Entry entry) {
        String conv = join(buyer.session().open(shop.shopId(), entry, "你好")).conv();
        agent.pushes().await(ConvAssigned.class, a -> a.conv().equals(conv));
        return conv;
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void aCardCarriesTheOrdersSnapshotAndFillsTheOrderVariables(Encoding encoding) {
        ShopFixture shop = server.newShop();
        String buyerId = buyerId();
        putOrder(shop, Orders.order("SO-1", buyerId, OrderStatus.SHIPPED, 1_000));
        putOrder(shop, Orders.order("SO-2", "someone-else", OrderStatus.PAID, 2_000));
        String logistics = script(shop);
        try (TestClients clients = new TestClients(server, encoding)) {
            Agent agent = clients.agent(shop.agent1(), true);
            Buyer buyer = clients.buyer(buyerId);
            String conv = chat(shop, buyer, agent, null);
            ScriptFillResult before = join(agent.session().scriptFill(conv, logistics));

            SendResult card = join(buyer.session().send(conv, "order", Body.of("orderNo", "SO-1")));
            KefuClientException others = failure(buyer.session().send(conv, "order", Body.of("orderNo", "SO-2")));
            KefuClientException unknown = failure(agent.session().send(conv, "order", Body.of("orderNo", "SO-404")));
            SendResult filled = join(agent.session().sendScript(conv, logistics));

            Msg delivered = agent.pushes().await(Msg.class, m -> m.seq() == card.seq());
            Map<String, Object> body = delivered.body().fields();
            assertThat(delivered.kind()).isEqualTo("order");
            assertThat(body).containsEntry("orderNo", "SO-1").containsEntry("status", "shipped")
                    .containsEntry("total", 11_790L)
                    .containsEntry("logistics", Map.of("company", "顺丰速运", "trackingNo", "SFSO-1"));
            assertThat((List<?>) body.get("items")).hasSize(2).first()
                    .isEqualTo(Map.of("productId", "p-1", "title", "纯棉T恤", "qty", 2L, "price", 4_900L));
            assertThat(buyer.pushes().await(Msg.class, m -> m.seq() == card.seq()).body()).isEqualTo(delivered.body());
            assertThat(others.code()).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(unknown.code()).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(before.missing()).contains("order.no", "order.status", "logistics.company", "logistics.no");
            assertThat(filled.text()).isEqualTo("订单 SO-1：shipped，顺丰速运 SFSO-1");
            assertThat(join(agent.session().history(conv, null, null)).messages()).extracting(Msg::kind)
                    .containsExactly("text", "order", "text");
        }
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void aConversationOpenedFromAnOrderTakesItsVariablesFromTheEntry(Encoding encoding) {
        ShopFixture shop = server.newShop();
        String buyerId = buyerId();
        putOrder(shop, Orders.order("SO-7", buyerId, OrderStatus.DELIVERED, 1_000));
        putOrder(shop, Orders.order("SO-8", "someone-else", OrderStatus.SHIPPED, 1_000));
        String logistics = script(shop);
        try (TestClients clients = new TestClients(server, encoding)) {
            Agent agent = clients.agent(shop.agent2(), true);
            Buyer buyer = clients.buyer(buyerId);
            Buyer nosy = clients.buyer(buyerId());
            String conv = chat(shop, buyer, agent, new Entry(Entry.ORDER, "SO-7"));
            String nosyConv = chat(shop, nosy, agent, new Entry(Entry.ORDER, "SO-8"));

            SendResult filled = join(agent.session().sendScript(conv, logistics));
            ScriptFillResult notTheirs = join(agent.session().scriptFill(nosyConv, logistics));

            assertThat(filled.text()).isEqualTo("订单 SO-7：delivered，顺丰速运 SFSO-7");
            assertThat(notTheirs.missing()).containsExactlyInAnyOrder("order.status", "logistics.company",
                    "logistics.no");
        }
    }

    @Test
    void aFailingOrderSourceRefusesTheCardClearlyAndStoresNothing() throws Exception {
        ShopFixture shop = server.newShop();
        String buyerId = buyerId();
        String secret = "backend-secret-0123456789";
        try (FakeShopBackend backend = new FakeShopBackend(secret);
             TestClients clients = new TestClients(server, Encoding.JSON)) {
            backend.put(Orders.order("HB-1", buyerId, OrderStatus.PAID, 1));
            ObjectNode http = TestServer.obj().put("type", "http").put("url", backend.url()).put("secret", secret);
            assertThat(server.request("PUT", "/api/v1/shops/" + shop.shopId() + "/order-source", ADMIN_KEY, http)
                    .statusCode()).isEqualTo(200);
            Agent agent = clients.agent(shop.agent1(), true);
            Buyer buyer = clients.buyer(buyerId);
            String conv = chat(shop, buyer, agent, null);
            backend.mode(FakeShopBackend.Mode.FAILING);

            KefuClientException failed = failure(buyer.session().send(conv, "order", Body.of("orderNo", "HB-1")));
            backend.mode(FakeShopBackend.Mode.NORMAL);
            SendResult card = join(buyer.session().send(conv, "order", Body.of("orderNo", "HB-1")));

            assertThat(failed.code()).isEqualTo(ErrorCode.OVERLOADED);
            assertThat(failed.getMessage()).contains("order HB-1 could not be looked up").contains("HTTP 500")
                    .contains("nothing was sent");
            assertThat(join(agent.session().history(conv, null, null)).messages()).extracting(Msg::seq)
                    .containsExactly(1L, card.seq());
            assertThat(card.seq()).isEqualTo(2L);
        }
    }
}
