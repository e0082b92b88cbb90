package io.kefu.server.aftersales;

import static io.kefu.server.TestClients.join;
import static io.kefu.server.TestServer.ADMIN_KEY;
import static io.kefu.server.TestServer.assertApiError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kefu.client.Encoding;
import io.kefu.protocol.AfterSaleUpdate;
import io.kefu.protocol.ConvAssigned;
import io.kefu.protocol.Entry;
import io.kefu.protocol.Msg;
import io.kefu.protocol.PartyType;
import io.kefu.server.TestClients;
import io.kefu.server.TestClients.Agent;
import io.kefu.server.TestClients.Buyer;
import io.kefu.server.TestServer;
import io.kefu.server.TestServer.ShopFixture;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * After-sales (contract §10) on a real server whose clock the test drives: a whole return through HTTP, the walls
 * on every endpoint, every body check naming its field, the system message and the {@code aftersale} push over real
 * sockets in both encodings, and the auto-approval when the shop does not answer in time.
 */
@Timeout(120)
class AfterSalesIT {
    @RegisterExtension
    static final TestServer server = TestServer.h2WithManualTime(Instant.parse("2026-05-04T02:00:00Z"), b -> b);

    static String buyerId() {
        return "buyer-" + UUID.randomUUID();
    }

    static String tickets(ShopFixture shop) {
        return "/api/v1/shops/" + shop.shopId() + "/aftersales";
    }

    static void putOrder(TestServer server, ShopFixture shop, String orderNo, String buyerId, String status,
                         long total) {
        ObjectNode o = TestServer.obj().put("buyerId", buyerId).put("status", status).put("total", total);
        o.putArray("items").addObject().put("productId", "p-1").put("title", "纯棉T恤").put("qty", 1)
                .put("price", total);
        o.putObject("address").put("name", "张三").put("phone", "13800000000").put("region", "上海市")
                .put("detail", "世纪大道 1 号");
        HttpResponse<String> r = server.request("PUT", "/api/v1/shops/" + shop.shopId() + "/orders/" + orderNo,
                ADMIN_KEY, o);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    static ObjectNode ticket(String orderNo, String type) {
        return TestServer.obj().put("orderNo", orderNo).put("type", type).put("reason", "尺码不合适");
    }

    static JsonNode ok(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return TestServer.parse(r.body());
    }

    private static HttpResponse<String> call(String method, String path, String bearer, Object body) {
        return server.request(method, path, bearer, body);
    }

    private static HttpResponse<String> act(ShopFixture shop, String id, String action, String bearer, Object body) {
        return call("POST", tickets(shop) + "/" + id + "/" + action, bearer, body);
    }

    @Test
    void aReturnGoesFromRequestToRefundAndKeepsWhoDidWhat() {
        ShopFixture shop = server.newShop();
        String buyerId = buyerId();
        putOrder(server, shop, "R-1", buyerId, "delivered", 9_900);
        String buyer = server.buyerToken(buyerId);
        ObjectNode req = ticket("R-1", "return").put("amount", 9_000);
        req.putArray("evidence").add("https://img.example.com/e/1.jpg");

        JsonNode created = ok(call("POST", tickets(shop), buyer, req));
        String id = created.path("id").asText();
        JsonNode approved = ok(act(shop, id, "approve", shop.agent1().token(), TestServer.obj().put("note", "请寄回")));
        HttpResponse<String> refundTooEarly = act(shop, id, "refund", shop.agent1().token(), null);
        JsonNode received = ok(act(shop, id, "received", shop.agent2().token(), null));
        JsonNode refunded = ok(act(shop, id, "refund", shop.supervisor().token(),
                TestServer.obj().put("amount", 8_000)));
        HttpResponse<String> again = act(shop, id, "approve", shop.agent1().token(), null);

        assertThat(created.path("state").asText()).isEqualTo("requested");
        assertThat(created.path("buyerId").asText()).isEqualTo(buyerId);
        assertThat(created.path("amount").asLong()).isEqualTo(9_000);
        assertThat(created.path("evidence").get(0).asText()).isEqualTo("https://img.example.com/e/1.jpg");
        assertThat(created.path("replyBy").asLong() - created.path("createdAt").asLong())
                .isEqualTo(Duration.ofHours(48).toMillis());
        assertThat(created.path("actions").toString()).isEqualTo("[\"approve\",\"reject\"]");
        assertThat(approved.path("state").asText()).isEqualTo("awaiting_return");
        assertThat(approved.has("replyBy")).isFalse();
        assertApiError(refundTooEarly, 409, "invalid_state", "awaiting_return", "received");
        assertThat(received.path("state").asText()).isEqualTo("received");
        assertThat(refunded.path("state").asText()).isEqualTo("refunded");
        assertThat(refunded.path("amount").asLong()).isEqualTo(8_000);
        assertThat(refunded.path("actions")).isEmpty();
        assertApiError(again, 409, "invalid_state", "refunded", "final");
        JsonNode history = ok(call("GET", tickets(shop) + "/" + id, buyer, null)).path("history");
        assertThat(history.findValuesAsText("action"))
                .containsExactly("create", "approve", "await_return", "received", "refund");
        assertThat(history.findValuesAsText("to"))
                .containsExactly("requested", "approved", "awaiting_return", "received", "refunded");
        assertThat(history.get(0).path("by").asText()).isEqualTo(buyerId);
        assertThat(history.get(0).path("role").asText()).isEqualTo("buyer");
        assertThat(history.get(0).path("from").isNull()).isTrue();
        assertThat(history.get(1).path("by").asText()).isEqualTo(shop.agent1().id());
        assertThat(history.get(1).path("note").asText()).isEqualTo("请寄回");
        assertThat(history.get(2).path("role").asText()).isEqualTo("system");
        assertThat(history.get(4).path("role").asText()).isEqualTo("supervisor");
    }

    @Test
    void aRejectedTicketIsEscalatedByItsBuyerAndOnlyThePlatformResolvesIt() {
        ShopFixture shop = server.newShop();
        String buyerId = buyerId();
        putOrder(server, shop, "D-1", buyerId, "paid", 5_000);
        String buyer = server.buyerToken(buyerId);
        String stranger = server.buyerToken(buyerId());
        String id = ok(call("POST", tickets(shop), shop.agent1().token(), ticket("D-1", "refund"))).path("id").asText();

        HttpResponse<String> buyerApproves = act(shop, id, "approve", buyer, null);
        ok(act(shop, id, "reject", shop.agent1().token(), TestServer.obj().put("note", "已超过退款期限")));
        HttpResponse<String> strangerEscalates = act(shop, id, "escalate", stranger, null);
        JsonNode disputed = ok(act(shop, id, "escalate", buyer, TestServer.obj().put("note", "商品有质量问题")));
        HttpResponse<String> staffResolves = act(shop, id, "resolve", shop.supervisor().token(), null);
        JsonNode resolved = ok(act(shop, id, "resolve", ADMIN_KEY, TestServer.obj().put("note", "平台判定退款")));

        assertApiError(buyerApproves, 403, "forbidden", "escalate");
        assertApiError(strangerEscalates, 404, "not_found", id);
        assertThat(disputed.path("state").asText()).isEqualTo("disputed");
        assertThat(disputed.path("amount").asLong()).as("a refund asks for the order's total by default")
                .isEqualTo(5_000);
        assertApiError(staffResolves, 403, "forbidden", "platform");
        assertThat(resolved.path("state").asText()).isEqualTo("resolved");
        assertThat(resolved.path("history").findValuesAsText("role"))
                .containsExactly("agent", "agent", "buyer", "platform");
    }

    @Test
    void anotherShopsOrAnotherBuyersTicketIsNotFoundOnEveryEndpoint() {
        ShopFixture shop = server.newShop();
        ShopFixture other = server.newShop();
        String buyerId = buyerId();
        putOrder(server, shop, "W-1", buyerId, "shipped", 3_000);
        putOrder(server, shop, "W-2", "someone-else", "shipped", 3_000);
        putOrder(server, other, "X-1", buyerId, "shipped", 3_000);
        String buyer = server.buyerToken(buyerId);
        String stranger = server.buyerToken(buyerId());
        String id = ok(call("POST", tickets(shop), buyer, ticket("W-1", "exchange"))).path("id").asText();
        String otherId = ok(call("POST", tickets(other), buyer, ticket("X-1", "refund"))).path("id").asText();

        // creating: another buyer's order, another shop's staff, an order of another shop through this one
        assertApiError(call("POST", tickets(shop), buyer, ticket("W-2", "refund")), 404, "not_found", "W-2");
        assertApiError(call("POST", tickets(shop), other.agent1().token(), ticket("W-1", "refund")), 404, "not_found");
        assertApiError(call("POST", tickets(shop), buyer, ticket("X-1", "refund")), 404, "not_found", "X-1");
        // reading one
        assertApiError(call("GET", tickets(shop) + "/" + id, stranger, null), 404, "not_found", id);
        assertApiError(call("GET", tickets(shop) + "/" + id, other.supervisor().token(), null), 404, "not_found");
        assertApiError(call("GET", tickets(shop) + "/" + otherId, shop.supervisor().token(), null), 404, "not_found");
        assertApiError(call("GET", tickets(other) + "/" + id, other.supervisor().token(), null), 404, "not_found");
        // acting
        assertApiError(act(shop, id, "approve", other.agent1().token(), null), 404, "not_found");
        assertApiError(act(shop, otherId, "approve", shop.agent1().token(), null), 404, "not_found");
        assertApiError(act(shop, id, "escalate", stranger, null), 404, "not_found");
        // listing: staff only, their own shop
        assertApiError(call("GET", tickets(shop), buyer, null), 403, "forbidden");
        assertApiError(call("GET", tickets(shop), other.agent1().token(), null), 403, "forbidden");
        assertThat(ok(call("GET", tickets(shop), shop.agent1().token(), null)).path("aftersales")
                .findValuesAsText("id")).containsExactly(id);
        assertThat(ok(call("GET", tickets(shop) + "/" + id, buyer, null)).path("type").asText()).isEqualTo("exchange");
    }

    @Test
    void listsAreNewestFirstAndNarrowByStateAndBuyer() {
        ShopFixture shop = server.newShop();
        String one = buyerId();
        String two = buyerId();
        putOrder(server, shop, "L-1", one, "completed", 1_000);
        putOrder(server, shop, "L-2", two, "completed", 1_000);
        String staff = shop.agent1().token();
        String first = ok(call("POST", tickets(shop), staff, ticket("L-1", "refund"))).path("id").asText();
        server.advance(Duration.ofSeconds(1));
        String second = ok(call("POST", tickets(shop), staff, ticket("L-2", "return"))).path("id").asText();
        server.advance(Duration.ofSeconds(1));
        String third = ok(call("POST", tickets(shop), staff, ticket("L-1", "exchange"))).path("id").asText();
        ok(act(shop, second, "reject", staff, null));

        assertThat(ok(call("GET", tickets(shop), staff, null)).path("aftersales").findValuesAsText("id"))
                .containsExactly(third, second, first);
        assertThat(ok(call("GET", tickets(shop) + "?limit=2", staff, null)).path("aftersales").size()).isEqualTo(2);
        assertThat(ok(call("GET", tickets(shop) + "?state=rejected", staff, null)).path("aftersales")
                .findValuesAsText("id")).containsExactly(second);
        assertThat(ok(call("GET", tickets(shop) + "?buyerId=" + one, staff, null)).path("aftersales")
                .findValuesAsText("id")).containsExactly(third, first);
        assertApiError(call("GET", tickets(shop) + "?state=lost", staff, null), 400, "bad_frame", "'state'", "lost");
        assertApiError(call("GET", tickets(shop) + "?limit=1000", staff, null), 400, "bad_frame", "'limit'");
    }

    @Test
    void everyBodyIsCheckedAndTheAnswerNamesTheField() {
        ShopFixture shop = server.newShop();
        String buyerId = buyerId();
        putOrder(server, shop, "B-1", buyerId, "shipped", 2_000);
        putOrder(server, shop, "B-2", buyerId, "unpaid", 2_000);
        putOrder(server, shop, "B-3", buyerId, "paid", 2_000);
        String staff = shop.agent1().token();
        ObjectNode manyUrls = ticket("B-1", "refund");
        for (int i = 0; i < 10; i++) {
            manyUrls.withArray("evidence").add("https://e.example/" + i + ".jpg");
        }
        ObjectNode ftp = ticket("B-1", "refund");
        ftp.putArray("evidence").add("ftp://e.example/1.jpg");
        String id = ok(call("POST", tickets(shop), staff, ticket("B-1", "refund"))).path("id").asText();

        assertApiError(call("POST", tickets(shop), staff, ticket("B-1", "repair")), 400, "bad_frame", "'type'", "repair");
        assertApiError(call("POST", tickets(shop), staff, ticket("B-1", "refund").put("amount", -1)), 400, "bad_frame",
                "'amount'");
        assertApiError(call("POST", tickets(shop), staff, ticket("B-1", "refund").put("amount", 2_001)), 400,
                "bad_frame", "'amount'", "2000");
        assertApiError(call("POST", tickets(shop), staff, ticket("B-1", "refund").put("amount", 1.5)), 400,
                "bad_frame", "'amount'");
        assertApiError(call("POST", tickets(shop), staff, ticket("B-1", "refund").put("amount", "10")), 400,
                "bad_frame", "'amount'");
        assertApiError(call("POST", tickets(shop), staff, ticket("B-1", "refund").put("reason", "x".repeat(501))), 400,
                "bad_frame", "'reason'");
        assertApiError(call("POST", tickets(shop), staff, TestServer.obj().put("orderNo", "B-1").put("type", "refund")),
                400, "bad_frame", "'reason'");
        assertApiError(call("POST", tickets(shop), staff, ticket("../x", "refund")), 400, "bad_frame", "'orderNo'");
        assertApiError(call("POST", tickets(shop), staff, manyUrls), 400, "bad_frame", "'evidence'", "9");
        assertApiError(call("POST", tickets(shop), staff, ftp), 400, "bad_frame", "'evidence[0]'", "http");
        assertApiError(call("POST", tickets(shop), staff, ticket("B-1", "refund").put("conv", "no-such-conv")), 404,
                "not_found", "'conv'");
        assertApiError(call("POST", tickets(shop), staff, ticket("B-2", "refund")), 409, "invalid_state", "unpaid");
        assertApiError(call("POST", tickets(shop), staff, ticket("B-3", "return")), 409, "invalid_state", "paid",
                "shipped");
        assertApiError(act(shop, id, "approve", staff, TestServer.obj().put("amount", 2_001)), 400, "bad_frame",
                "'amount'");
        assertApiError(act(shop, id, "reject", staff, TestServer.obj().put("amount", 1)), 400, "bad_frame", "'amount'",
                "reject");
        assertApiError(act(shop, id, "approve", staff, TestServer.obj().put("note", "n".repeat(501))), 400, "bad_frame",
                "'note'");
        assertApiError(act(shop, id, "explode", staff, null), 400, "bad_frame", "explode", "approve");
        assertThat(ok(call("GET", tickets(shop) + "/" + id, staff, null)).path("state").asText())
                .isEqualTo("requested");
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void everyChangeIsASystemMessageInTheLinkedConversationAndAPushToItsParticipants(Encoding encoding) {
        ShopFixture shop = server.newShop();
        String buyerId = buyerId();
        putOrder(server, shop, "P-1", buyerId, "delivered", 6_600);
        try (TestClients clients = new TestClients(server, encoding)) {
            Agent agent = clients.agent(shop.agent2(), true);
            Buyer buyer = clients.buyer(buyerId);
            String conv = join(buyer.session().open(shop.shopId(), new Entry(Entry.ORDER, "P-1"), "我要退货")).conv();
            agent.pushes().await(ConvAssigned.class, a -> a.conv().equals(conv));

            String id = ok(call("POST", tickets(shop), server.buyerToken(buyerId),
                    ticket("P-1", "return").put("conv", conv))).path("id").asText();
            AfterSaleUpdate toBuyer = buyer.pushes().await(AfterSaleUpdate.class, u -> u.aftersale().id().equals(id));
            AfterSaleUpdate toAgent = agent.pushes().await(AfterSaleUpdate.class, u -> u.aftersale().id().equals(id));
            Msg note = agent.pushes().await(Msg.class, m -> m.from().type() == PartyType.SYSTEM
                    && id.equals(m.body().string("aftersale")));
            ok(act(shop, id, "approve", shop.agent2().token(), TestServer.obj().put("note", "请寄回")));
            AfterSaleUpdate approved = buyer.pushes().await(AfterSaleUpdate.class,
                    u -> u.aftersale().id().equals(id) && u.aftersale().state().equals("awaiting_return"));
            Msg approvedNote = buyer.pushes().await(Msg.class, m -> m.from().type() == PartyType.SYSTEM
                    && "awaiting_return".equals(m.body().string("state")));

            assertThat(toBuyer.aftersale().state()).isEqualTo("requested");
            assertThat(toBuyer.aftersale().conv()).isEqualTo(conv);
            assertThat(toBuyer.aftersale().last().action()).isEqualTo("create");
            assertThat(toAgent).isEqualTo(toBuyer);
            assertThat(note.kind()).isEqualTo("system");
            assertThat(note.conv()).isEqualTo(conv);
            assertThat(note.body().text()).contains("退货退款", "P-1");
            assertThat(approved.aftersale().last().action()).isEqualTo("await_return");
            assertThat(approvedNote.body().text()).contains("请寄回");
            assertThat(join(buyer.session().history(conv, null, null)).messages())
                    .filteredOn(m -> m.from().type() == PartyType.SYSTEM).extracting(Msg::kind)
                    .containsExactly("system", "system");
        }
    }

    @Test
    void aTicketWithoutAConversationIsPushedToItsBuyerAlone() {
        ShopFixture shop = server.newShop();
        String buyerId = buyerId();
        putOrder(server, shop, "Q-1", buyerId, "delivered", 1_200);
        try (TestClients clients = new TestClients(server, Encoding.JSON)) {
            Buyer buyer = clients.buyer(buyerId);
            Buyer stranger = clients.buyer(buyerId());

            String id = ok(call("POST", tickets(shop), shop.agent1().token(), ticket("Q-1", "refund")))
                    .path("id").asText();
            ok(act(shop, id, "approve", shop.agent1().token(), null));
            AfterSaleUpdate approved = buyer.pushes().await(AfterSaleUpdate.class,
                    u -> u.aftersale().state().equals("approved"));
            join(stranger.session().open(shop.shopId(), null, "hi")); // a round trip after the pushes went out

            assertThat(approved.aftersale().id()).isEqualTo(id);
            assertThat(approved.aftersale().conv()).isNull();
            assertThat(stranger.pushes().all(AfterSaleUpdate.class)).isEmpty();
        }
    }

    @Test
    void aRequestNobodyAnswersInTimeIsApprovedByTheServer() {
        ShopFixture shop = server.newShop();
        String buyerId = buyerId();
        putOrder(server, shop, "A-1", buyerId, "shipped", 4_000);
        putOrder(server, shop, "A-2", buyerId, "shipped", 4_000);
        ok(call("PUT", "/api/v1/shops/" + shop.shopId() + "/routing", ADMIN_KEY,
                TestServer.obj().put("aftersaleReplyHours", 2)));
        String staff = shop.agent1().token();
        try (TestClients clients = new TestClients(server, Encoding.BINARY)) {
            Buyer buyer = clients.buyer(buyerId);
            String waiting = ok(call("POST", tickets(shop), staff, ticket("A-1", "exchange"))).path("id").asText();
            String answered = ok(call("POST", tickets(shop), staff, ticket("A-2", "refund"))).path("id").asText();
            ok(act(shop, answered, "reject", staff, null));

            server.advance(Duration.ofMinutes(119));
            String before = ok(call("GET", tickets(shop) + "/" + waiting, staff, null)).path("state").asText();
            server.advance(Duration.ofMinutes(2));
            await().atMost(Duration.ofSeconds(20)).until(() -> ok(call("GET", tickets(shop) + "/" + waiting, staff,
                    null)).path("state").asText().equals("awaiting_return"));
            AfterSaleUpdate pushed = buyer.pushes().await(AfterSaleUpdate.class,
                    u -> u.aftersale().id().equals(waiting) && u.aftersale().state().equals("awaiting_return"));

            assertThat(before).isEqualTo("requested");
            JsonNode history = ok(call("GET", tickets(shop) + "/" + waiting, staff, null)).path("history");
            assertThat(history.findValuesAsText("action")).containsExactly("create", "approve", "await_return");
            assertThat(history.get(1).path("role").asText()).isEqualTo("system");
            assertThat(history.get(1).path("by").isNull()).isTrue();
            assertThat(pushed.aftersale().replyBy()).isNull();
            assertThat(ok(call("GET", tickets(shop) + "/" + answered, staff, null)).path("state").asText())
                    .isEqualTo("rejected");
        }
    }

    @Test
    void ticketsAndRefundsFeedTheShopsKpis() {
        ShopFixture shop = server.newShop();
        String one = buyerId();
        String two = buyerId();
        putOrder(server, shop, "K-1", one, "paid", 1_000);
        putOrder(server, shop, "K-2", two, "delivered", 1_000);
        String staff = shop.agent1().token();
        long from = server.clock().millis() - 60_000;
        try (TestClients clients = new TestClients(server, Encoding.JSON)) {
            join(clients.buyer(one).session().open(shop.shopId(), null, "退款"));
            join(clients.buyer(two).session().open(shop.shopId(), null, "退货"));
        }
        String refund = ok(call("POST", tickets(shop), staff, ticket("K-1", "refund"))).path("id").asText();
        ok(call("POST", tickets(shop), staff, ticket("K-2", "return")));
        ok(act(shop, refund, "approve", staff, null));
        ok(act(shop, refund, "refund", staff, null));
        String stats = "/api/v1/shops/" + shop.shopId() + "/stats?from=" + from + "&to="
                + (server.clock().millis() + 60_000) + "&by=shop";

        JsonNode row = ok(call("GET", stats, ADMIN_KEY, null)).path("rows").get(0);

        assertThat(row.path("conversations").asLong()).isEqualTo(2);
        assertThat(row.path("aftersales").asLong()).isEqualTo(2);
        assertThat(row.path("refundRate").asDouble()).as("one refund over two conversations").isEqualTo(0.5);
    }
}
