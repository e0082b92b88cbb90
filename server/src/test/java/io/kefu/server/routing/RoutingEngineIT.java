package io.kefu.server.routing;

import static io.kefu.server.TestClients.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kefu.client.Encoding;
import io.kefu.client.KefuClientException;
import io.kefu.protocol.AgentStatus;
import io.kefu.protocol.ConvAssigned;
import io.kefu.protocol.ConvQueued;
import io.kefu.protocol.ConvState;
import io.kefu.protocol.Entry;
import io.kefu.server.TestClients;
import io.kefu.server.TestClients.Agent;
import io.kefu.server.TestClients.Buyer;
import io.kefu.server.TestServer;
import io.kefu.server.TestServer.ShopFixture;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The routing engine through real sockets and the real SDK: priorities, group strategies, tag routing,
 * shifts and transfers refused with a reason (contract v1.1 §5).
 */
@Timeout(60)
class RoutingEngineIT {
    @RegisterExtension
    static final TestServer server = TestServer.h2();

    private static String buyerId() {
        return "buyer-" + UUID.randomUUID();
    }

    private static void call(String method, String path, String bearer, ObjectNode body) {
        HttpResponse<String> r = server.request(method, path, bearer, body);
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(200);
    }

    @Test
    void urgentBeforeVipBeforeNormalAndTheQueueIsToldItsPriority() {
        ShopFixture shop = server.newShop();
        String vip = buyerId();
        call("PUT", "/api/v1/shops/" + shop.shopId() + "/buyers/" + vip, TestServer.ADMIN_KEY,
                (ObjectNode) TestServer.parse("{\"tags\":[\"vip\"]}"));
        try (TestClients clients = new TestClients(server, Encoding.JSON)) {
            Buyer normal = clients.buyer(buyerId());
            Buyer gold = clients.buyer(vip);
            Buyer robbed = clients.buyer(buyerId());
            String n = join(normal.session().open(shop.shopId(), null, "在吗")).conv();
            String v = join(gold.session().open(shop.shopId(), null, "你好")).conv();
            String u = join(robbed.session().open(shop.shopId(), null, "我的账号被盗了！")).conv();

            ConvQueued urgent = robbed.pushes().await(ConvQueued.class, q -> q.conv().equals(u));
            assertThat(urgent.position()).isEqualTo(1);
            assertThat(urgent.priority()).isEqualTo("urgent");
            assertThat(gold.pushes().await(ConvQueued.class, q -> q.position() == 2).priority()).isEqualTo("vip");
            assertThat(normal.pushes().await(ConvQueued.class, q -> q.position() == 3).priority()).isEqualTo("normal");

            // when the only agent comes online with room for one, the urgent buyer is served first
            call("PATCH", "/api/v1/shops/" + shop.shopId() + "/agents/" + shop.agent1().id(), TestServer.ADMIN_KEY,
                    TestServer.obj().put("maxConcurrent", 1));
            Agent agent = clients.agent(shop.agent1(), true);
            assertThat(agent.pushes().await(ConvAssigned.class).conv()).isEqualTo(u);
            join(agent.session().close(u, "resolved"));
            assertThat(agent.pushes().await(ConvAssigned.class).conv()).isEqualTo(v);
            join(agent.session().close(v, "resolved"));
            assertThat(agent.pushes().await(ConvAssigned.class).conv()).isEqualTo(n);
        }
    }

    @Test
    void aLaterFirstMessageWithAnUrgentKeywordMovesTheBuyerUp() {
        ShopFixture shop = server.newShop();
        try (TestClients clients = new TestClients(server, Encoding.BINARY)) {
            Buyer first = clients.buyer(buyerId());
            Buyer second = clients.buyer(buyerId());
            join(first.session().open(shop.shopId(), null, null));
            String late = join(second.session().open(shop.shopId(), null, null)).conv();
            assertThat(second.pushes().await(ConvQueued.class, q -> q.conv().equals(late)).position()).isEqualTo(2);

            join(second.session().sendText(late, "支付异常，扣了两次钱"));

            ConvQueued moved = second.pushes().await(ConvQueued.class, q -> q.position() == 1);
            assertThat(moved.priority()).isEqualTo("urgent");
            assertThat(first.pushes().await(ConvQueued.class, q -> q.position() == 2)).isNotNull();
        }
    }

    @Test
    void aManualGroupAssignsNobodyAndAgentsPick() {
        ShopFixture shop = server.newShop();
        call("PATCH", "/api/v1/shops/" + shop.shopId() + "/groups/" + shop.preSales(), TestServer.ADMIN_KEY,
                TestServer.obj().put("strategy", "manual"));
        try (TestClients clients = new TestClients(server, Encoding.JSON)) {
            Agent agent = clients.agent(shop.agent1(), true);
            Buyer buyer = clients.buyer(buyerId());
            var opened = join(buyer.session().open(shop.shopId(), null, "hi"));
            assertThat(opened.state()).isEqualTo(ConvState.QUEUED);

            join(agent.session().pick(opened.conv()));

            assertThat(agent.pushes().await(ConvAssigned.class).conv()).isEqualTo(opened.conv());
        }
    }

    @Test
    void roundRobinTakesTurns() {
        ShopFixture shop = server.newShop();
        call("PATCH", "/api/v1/shops/" + shop.shopId() + "/groups/" + shop.preSales(), TestServer.ADMIN_KEY,
                TestServer.obj().put("strategy", "round-robin"));
        for (TestServer.Login a : List.of(shop.agent1(), shop.agent2())) {
            call("PATCH", "/api/v1/shops/" + shop.shopId() + "/agents/" + a.id(), TestServer.ADMIN_KEY,
                    TestServer.obj().put("maxConcurrent", 5));
        }
        try (TestClients clients = new TestClients(server, Encoding.JSON)) {
            Agent one = clients.agent(shop.agent1(), true);
            Agent two = clients.agent(shop.agent2(), true);
            List<String> order = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Buyer b = clients.buyer(buyerId());
                String conv = join(b.session().open(shop.shopId(), null, "hi " + i)).conv();
                order.add(b.pushes().await(ConvAssigned.class, a -> a.conv().equals(conv)).agent().id());
            }
            String first = order.get(0);
            String other = first.equals(one.id()) ? two.id() : one.id();
            assertThat(order).containsExactly(first, other, first, other);
        }
    }

    @Test
    void aTaggedBuyerGoesToTheGroupOfTheTag() {
        ShopFixture shop = server.newShop();
        String vip = buyerId();
        call("PUT", "/api/v1/shops/" + shop.shopId() + "/routing", TestServer.ADMIN_KEY,
                (ObjectNode) TestServer.parse("{\"tagGroups\":{\"vip\":\"" + shop.afterSales() + "\"}}"));
        call("PUT", "/api/v1/shops/" + shop.shopId() + "/buyers/" + vip, TestServer.ADMIN_KEY,
                (ObjectNode) TestServer.parse("{\"tags\":[\"vip\"]}"));
        try (TestClients clients = new TestClients(server, Encoding.JSON)) {
            Buyer buyer = clients.buyer(vip);

            String conv = join(buyer.session().open(shop.shopId(), new Entry("product", "p1"), "hi")).conv();

            ConvQueued queued = buyer.pushes().await(ConvQueued.class, q -> q.conv().equals(conv));
            assertThat(queued.group()).isEqualTo(shop.afterSales());
            assertThat(queued.priority()).isEqualTo("vip");
        }
    }

    @Test
    void anAgentOffShiftGetsNothingNew() {
        ShopFixture shop = server.newShop();
        call("PATCH", "/api/v1/shops/" + shop.shopId() + "/agents/" + shop.agent1().id(), TestServer.ADMIN_KEY,
                (ObjectNode) TestServer.parse("{\"shifts\":[{\"days\":[\"mon\"],\"from\":\"00:00\",\"to\":\"00:01\"}]}"));
        try (TestClients clients = new TestClients(server, Encoding.JSON)) {
            clients.agent(shop.agent1(), true);
            Buyer buyer = clients.buyer(buyerId());

            var opened = join(buyer.session().open(shop.shopId(), null, "hi"));

            assertThat(opened.state()).isEqualTo(ConvState.QUEUED);
        }
    }

    @Test
    void aTransferToAnAgentWhoCannotTakeItIsRefusedSayingWhy() {
        ShopFixture shop = server.newShop();
        call("PATCH", "/api/v1/shops/" + shop.shopId() + "/agents/" + shop.agent2().id(), TestServer.ADMIN_KEY,
                TestServer.obj().put("maxConcurrent", 1));
        try (TestClients clients = new TestClients(server, Encoding.JSON)) {
            Agent one = clients.agent(shop.agent1(), true);
            Agent two = clients.agent(shop.agent2(), false);
            Buyer buyer = clients.buyer(buyerId());
            String conv = join(buyer.session().open(shop.shopId(), null, "hi")).conv();
            one.pushes().await(ConvAssigned.class);

            join(two.session().status(AgentStatus.AWAY));
            assertRefused(one, conv, shop.agent2().id(), "is away, not online");

            join(two.session().status(AgentStatus.ONLINE));
            Buyer other = clients.buyer(buyerId());
            String filler = join(other.session().open(shop.shopId(), null, "me too")).conv();
            two.pushes().await(ConvAssigned.class, a -> a.conv().equals(filler));
            assertRefused(one, conv, shop.agent2().id(), "is full (1 of 1 chats)");

            assertThat(one.pushes().all(ConvAssigned.class)).extracting(ConvAssigned::conv).containsExactly(conv);
        }
    }

    @Test
    void managersSeeTheQueueAndTheAgentsAndPlainAgentsDoNot() {
        ShopFixture shop = server.newShop();
        try (TestClients clients = new TestClients(server, Encoding.JSON)) {
            Buyer first = clients.buyer(buyerId());
            Buyer second = clients.buyer(buyerId());
            String a = join(first.session().open(shop.shopId(), null, "hi")).conv();
            String b = join(second.session().open(shop.shopId(), null, "我的账号被盗了")).conv();
            clients.agent(shop.agent2(), false);

            var view = TestServer.parse(server.request("GET", "/api/v1/shops/" + shop.shopId() + "/queue",
                    shop.supervisor().token(), null).body());
            HttpResponse<String> byAgent = server.request("GET", "/api/v1/shops/" + shop.shopId() + "/queue",
                    shop.agent1().token(), null);

            var pre = view.path("groups").get(0);
            assertThat(pre.path("id").asText()).isEqualTo(shop.preSales());
            assertThat(pre.path("queued").get(0).path("conv").asText()).isEqualTo(b);
            assertThat(pre.path("queued").get(0).path("priority").asText()).isEqualTo("urgent");
            assertThat(pre.path("queued").get(1).path("conv").asText()).isEqualTo(a);
            assertThat(pre.path("queued").get(1).path("position").asInt()).isEqualTo(2);
            assertThat(pre.path("agents")).anySatisfy(ag -> {
                assertThat(ag.path("id").asText()).isEqualTo(shop.agent2().id());
                assertThat(ag.path("status").asText()).isEqualTo("offline");
                assertThat(ag.path("onShift").asBoolean()).isTrue();
            });
            assertThat(byAgent.statusCode()).isEqualTo(403);
        }
    }

    @Test
    void anOpenWithTooLongATextIsRefusedAndNothingIsCreated() {
        ShopFixture shop = server.newShop();
        try (TestClients clients = new TestClients(server, Encoding.JSON)) {
            Buyer buyer = clients.buyer(buyerId());

            assertThatThrownBy(() -> join(buyer.session().open(shop.shopId(), null, "长".repeat(5_001))))
                    .isInstanceOfSatisfying(KefuClientException.class, e -> {
                        assertThat(e.code()).isEqualTo(io.kefu.protocol.ErrorCode.TOO_LARGE);
                        assertThat(e.getMessage()).contains("open.text");
                    });
            assertThat(join(buyer.session().open(shop.shopId(), null, "短的")).state()).isEqualTo(ConvState.QUEUED);
        }
    }

    @Test
    void rawJsonClientsSeeThePriorityAndTheTransferReason() {
        ShopFixture shop = server.newShop();
        try (io.kefu.server.RawWs buyer = io.kefu.server.RawWs.connect(server.wsUri(), "kefu.v1.json");
             io.kefu.server.RawWs agent = io.kefu.server.RawWs.connect(server.wsUri(), "kefu.v1.json")) {
            buyer.send("{\"t\":\"hello\",\"id\":\"h\",\"token\":\"" + server.buyerToken(buyerId()) + "\"}");
            assertThat(next(buyer, "ok").path("re").asText()).isEqualTo("h");
            buyer.send("{\"t\":\"open\",\"id\":\"o\",\"shopId\":\"" + shop.shopId() + "\",\"text\":\"盗刷了怎么办\"}");
            var queued = next(buyer, "conv.queued");
            assertThat(queued.path("priority").asText()).isEqualTo("urgent");
            assertThat(queued.path("position").asInt()).isEqualTo(1);
            String conv = queued.path("conv").asText();

            agent.send("{\"t\":\"hello\",\"id\":\"h\",\"token\":\"" + shop.agent1().token() + "\"}");
            agent.send("{\"t\":\"status\",\"id\":\"s\",\"value\":\"online\"}");
            var status = next(agent, "status");
            assertThat(status.path("agent").asText()).isEqualTo(shop.agent1().id());
            assertThat(status.path("value").asText()).isEqualTo("online");
            next(agent, "conv.assigned");
            agent.send("{\"t\":\"transfer\",\"id\":\"x\",\"conv\":\"" + conv + "\",\"toGroup\":\""
                    + shop.afterSales() + "\",\"note\":\"退款\"}");

            var moved = next(buyer, "conv.transferred");
            assertThat(moved.path("reason").asText()).isEqualTo("manual");
            assertThat(moved.has("note")).as("the note is for staff").isFalse();
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode next(io.kefu.server.RawWs ws, String type) {
        for (int i = 0; i < 20; i++) {
            var f = ws.next();
            if (f.path("t").asText().equals(type)) {
                return f;
            }
        }
        throw new AssertionError("no " + type);
    }

    private static void assertRefused(Agent from, String conv, String to, String why) {
        assertThatThrownBy(() -> join(from.session().transfer(conv, to, null, null)))
                .isInstanceOfSatisfying(KefuClientException.class, e -> {
                    assertThat(e.code()).isEqualTo(io.kefu.protocol.ErrorCode.INVALID_STATE);
                    assertThat(e.getMessage()).contains(why);
                });
    }
}
