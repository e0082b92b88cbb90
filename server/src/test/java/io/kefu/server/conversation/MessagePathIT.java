package io.kefu.server.conversation;

import static io.kefu.server.TestClients.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kefu.client.Encoding;
import io.kefu.client.KefuClientException;
import io.kefu.protocol.ConvAssigned;
import io.kefu.protocol.Entry;
import io.kefu.protocol.ErrorCode;
import io.kefu.protocol.Msg;
import io.kefu.protocol.Notice;
import io.kefu.protocol.OkResult.ScriptFillResult;
import io.kefu.protocol.OkResult.SendResult;
import io.kefu.protocol.PartyType;
import io.kefu.server.TestClients;
import io.kefu.server.TestClients.Agent;
import io.kefu.server.TestClients.Buyer;
import io.kefu.server.TestServer;
import io.kefu.server.TestServer.ShopFixture;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What happens to a message between {@code send} and the store, through real sockets and the real SDK in both
 * encodings: the compliance filter (block, warn, buyers only audited), quick replies sent by id and previewed
 * with {@code script.fill}, and the shop's welcome and after-hours messages (contract v1.1 §6, §8).
 */
@Timeout(60)
class MessagePathIT {
    /** A Tuesday, 10:00 in Shanghai. */
    private static final Instant START = LocalDateTime.parse("2026-12-01T10:00").atZone(ZoneId.of("Asia/Shanghai"))
            .toInstant();

    @RegisterExtension
    static final TestServer server = TestServer.h2WithManualTime(START, b -> b);

    /**
     * A new buyer's id, without digits: a buyer's name ("buyer " + id) goes into auto texts, and a random UUID's
     * digits can read as a phone number across its dashes ("1804-4097-850"), which the compliance filter blocks.
     */
    private static String buyerId() {
        StringBuilder id = new StringBuilder("buyer-");
        for (char c : UUID.randomUUID().toString().toCharArray()) {
            id.append(Character.isDigit(c) ? (char) ('g' + (c - '0')) : c); // one to one: 0-9 become g-p
        }
        return id.toString();
    }

    private static JsonNode call(String method, String path, String bearer, Object body) {
        HttpResponse<String> r = server.request(method, path, bearer, body);
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(200);
        return TestServer.parse(r.body());
    }

    private static KefuClientException failure(java.util.concurrent.CompletableFuture<?> f) {
        CompletionException e = catchThrowableOfType(f::join, CompletionException.class);
        assertThat(e).as("the request should have failed").isNotNull();
        assertThat(e.getCause()).isInstanceOf(KefuClientException.class);
        return (KefuClientException) e.getCause();
    }

    private static List<JsonNode> audit(ShopFixture shop, int atLeast) {
        List<JsonNode> entries = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            entries.clear();
            call("GET", "/api/v1/shops/" + shop.shopId() + "/audit", shop.supervisor().token(), null)
                    .path("entries").forEach(entries::add);
            return entries.size() >= atLeast;
        });
        return entries;
    }

    private static List<Msg> history(Agent agent, String conv) {
        return join(agent.session().history(conv, null, null)).messages();
    }

    /** A shop whose buyer is talking to agent1; returns the conversation id. */
    private static String chat(TestClients clients, ShopFixture shop, Buyer buyer, Agent agent, Entry entry) {
        String conv = join(buyer.session().open(shop.shopId(), entry, "你好，在吗")).conv();
        agent.pushes().await(ConvAssigned.class, a -> a.conv().equals(conv));
        return conv;
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void aBlockedMessageIsRefusedWithItsRuleAndAWarnedOneDeliveredWithAWarningBothAudited(Encoding encoding) {
        ShopFixture shop = server.newShop();
        call("POST", "/api/v1/shops/" + shop.shopId() + "/rules", shop.supervisor().token(),
                TestServer.parse("{\"name\":\"价格承诺\",\"type\":\"phrase\",\"pattern\":\"全网最低价\",\"action\":\"warn\"}"));
        try (TestClients clients = new TestClients(server, encoding)) {
            Agent agent = clients.agent(shop.agent1(), true);
            Buyer buyer = clients.buyer(buyerId());
            String conv = chat(clients, shop, buyer, agent, null);

            KefuClientException blocked = failure(agent.session().sendText(conv, "方便的话加我 V信：kefu_2024 吧"));
            SendResult warned = join(agent.session().sendText(conv, "这款是全网最低价哦"));
            SendResult clean = join(agent.session().sendText(conv, "订单 2024061512345 已发货，38.5 元"));

            assertThat(blocked.code()).isEqualTo(ErrorCode.BLOCKED_CONTENT);
            assertThat(blocked.rule()).isNotNull();
            assertThat(blocked.rule().id()).isEqualTo("builtin-wechat");
            assertThat(blocked.rule().name()).isNotBlank();
            assertThat(warned.warning()).isNotNull();
            assertThat(warned.warning().name()).isEqualTo("价格承诺");
            assertThat(clean.warning()).isNull();
            // the buyer got the warned and the clean message, never the blocked one, and no word of either
            buyer.pushes().await(Msg.class, m -> m.seq() == clean.seq());
            List<String> texts = history(agent, conv).stream().map(m -> m.body().text()).toList();
            assertThat(texts).containsExactly("你好，在吗", "这款是全网最低价哦", "订单 2024061512345 已发货，38.5 元");
            assertThat(buyer.pushes().all(Msg.class)).noneMatch(m -> m.body().text().contains("kefu_2024"));

            List<JsonNode> entries = audit(shop, 2);
            assertThat(entries).extracting(e -> e.path("action").asText()).containsExactly("warn", "block");
            JsonNode block = entries.get(1);
            assertThat(block.path("actor").path("type").asText()).isEqualTo("agent");
            assertThat(block.path("actor").path("id").asText()).isEqualTo(shop.agent1().id());
            assertThat(block.path("conv").asText()).isEqualTo(conv);
            assertThat(block.path("rule").path("id").asText()).isEqualTo("builtin-wechat");
            assertThat(block.path("excerpt").asText()).doesNotContain("kefu_2024");
        }
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void aBuyerMessageIsOnlyAuditedAndTheBuyerIsNeverTold(Encoding encoding) {
        ShopFixture shop = server.newShop();
        call("POST", "/api/v1/shops/" + shop.shopId() + "/rules", shop.supervisor().token(),
                TestServer.parse("{\"name\":\"买家留手机\",\"type\":\"contact\",\"pattern\":\"phone\","
                        + "\"action\":\"block\",\"appliesTo\":[\"buyer\"]}"));
        try (TestClients clients = new TestClients(server, encoding)) {
            Agent agent = clients.agent(shop.agent1(), true);
            Buyer buyer = clients.buyer(buyerId());
            String conv = chat(clients, shop, buyer, agent, null);

            SendResult sent = join(buyer.session().sendText(conv, "我的手机 138 1234 5678，麻烦回电"));

            assertThat(sent.warning()).isNull();
            assertThat(agent.pushes().await(Msg.class, m -> m.seq() == sent.seq()).body().text()).contains("138");
            JsonNode entry = audit(shop, 1).get(0);
            assertThat(entry.path("actor").path("type").asText()).isEqualTo("buyer");
            assertThat(entry.path("action").asText()).isEqualTo("warn");
            assertThat(entry.path("rule").path("name").asText()).isEqualTo("买家留手机");
        }
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void aQuickReplyIsFilledFromTheConversationAndSentAsText(Encoding encoding) {
        ShopFixture shop = server.newShop();
        String scripts = "/api/v1/shops/" + shop.shopId() + "/scripts";
        String greet = call("POST", scripts, shop.supervisor().token(), TestServer.obj().put("scope", "shop")
                .put("category", "欢迎").put("title", "问候").put("shortcut", "hi")
                .put("body", "{buyer.name}您好，我是{agent.name}，欢迎光临{shop.name}")).path("id").asText();
        String order = call("POST", scripts, shop.supervisor().token(), TestServer.obj().put("scope", "shop")
                .put("category", "物流").put("title", "订单号").put("body", "您的订单 {order.no} 已发货")).path("id").asText();
        String mine = call("POST", scripts, shop.agent2().token(), TestServer.obj().put("scope", "personal")
                .put("category", "我的").put("title", "私人").put("body", "agent2 的话术")).path("id").asText();
        String contact = call("POST", scripts, shop.supervisor().token(), TestServer.obj().put("scope", "shop")
                .put("category", "违规").put("title", "留电话").put("body", "有事打 13812345678")).path("id").asText();
        try (TestClients clients = new TestClients(server, encoding)) {
            Agent agent = clients.agent(shop.agent1(), true);
            Buyer buyer = clients.buyer(buyerId());
            String conv = chat(clients, shop, buyer, agent, new Entry(Entry.PRODUCT, "p-1"));

            SendResult sent = join(agent.session().sendScript(conv, greet, "cm-1"));
            SendResult retried = join(agent.session().sendScript(conv, greet, "cm-1"));
            ScriptFillResult preview = join(agent.session().scriptFill(conv, order));
            KefuClientException noOrder = failure(agent.session().sendScript(conv, order));
            KefuClientException notMine = failure(agent.session().sendScript(conv, mine));
            KefuClientException blocked = failure(agent.session().sendScript(conv, contact));
            KefuClientException byBuyer = failure(buyer.session().client().request(
                    io.kefu.protocol.Send.script(null, conv, "cm-b", greet), SendResult.class));

            String expected = sent.text();
            assertThat(expected).startsWith("buyer " + buyer.id() + "您好，我是agent1，欢迎光临shop-")
                    .doesNotContain("{");
            assertThat(retried.seq()).isEqualTo(sent.seq());
            assertThat(retried.text()).isEqualTo(expected);
            Msg delivered = buyer.pushes().await(Msg.class, m -> m.seq() == sent.seq());
            assertThat(delivered.kind()).isEqualTo("text");
            assertThat(delivered.body().text()).isEqualTo(expected);
            assertThat(delivered.from().type()).isEqualTo(PartyType.AGENT);
            assertThat(preview.text()).isEqualTo("您的订单 {order.no} 已发货");
            assertThat(preview.missing()).containsExactly("order.no");
            assertThat(noOrder.code()).isEqualTo(ErrorCode.INVALID_STATE);
            assertThat(noOrder.getMessage()).contains("{order.no}");
            assertThat(notMine.code()).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(blocked.code()).isEqualTo(ErrorCode.BLOCKED_CONTENT);
            assertThat(blocked.rule().id()).isEqualTo("builtin-phone");
            assertThat(byBuyer.code()).isEqualTo(ErrorCode.FORBIDDEN);
            assertThat(history(agent, conv)).hasSize(2); // the buyer's first message and the greeting, once
            // the use is counted
            server.server().services().scripts().flushUses().join();
            JsonNode found = call("GET", scripts + "?q=hi", shop.agent1().token(), null).path("scripts").get(0);
            assertThat(found.path("id").asText()).isEqualTo(greet);
            assertThat(found.path("uses").asLong()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void anOrderConversationFillsTheOrderNumber(Encoding encoding) {
        ShopFixture shop = server.newShop();
        String order = call("POST", "/api/v1/shops/" + shop.shopId() + "/scripts", shop.supervisor().token(),
                TestServer.obj().put("scope", "shop").put("category", "物流").put("title", "订单号")
                        .put("body", "您的订单 {order.no} 已发货")).path("id").asText();
        try (TestClients clients = new TestClients(server, encoding)) {
            Agent agent = clients.agent(shop.agent2(), true);
            Buyer buyer = clients.buyer(buyerId());
            String conv = chat(clients, shop, buyer, agent, new Entry(Entry.ORDER, "SO-20261201-0042"));

            ScriptFillResult preview = join(agent.session().scriptFill(conv, order));
            SendResult sent = join(agent.session().sendScript(conv, order));

            assertThat(preview.missing()).isEmpty();
            assertThat(preview.text()).isEqualTo("您的订单 SO-20261201-0042 已发货");
            assertThat(sent.text()).isEqualTo(preview.text());
        }
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void theWelcomeFollowsTheBuyersFirstMessageAndTheAfterHoursTextComesOutsideHours(Encoding encoding) {
        ShopFixture shop = server.newShop();
        call("PUT", "/api/v1/shops/" + shop.shopId() + "/routing", shop.supervisor().token(),
                TestServer.parse("{\"welcomeText\":\"您好，我是{agent.name}，请问有什么可以帮您？\","
                        + "\"afterHoursText\":\"{buyer.name}您好，现在是下班时间，请留言\"}"));
        try (TestClients clients = new TestClients(server, encoding)) {
            Agent agent = clients.agent(shop.agent1(), true);
            Buyer buyer = clients.buyer(buyerId());
            String conv = chat(clients, shop, buyer, agent, null);

            Msg welcome = buyer.pushes().await(Msg.class, m -> "welcome".equals(m.body().string("auto")));
            assertThat(welcome.from().type()).isEqualTo(PartyType.SYSTEM);
            assertThat(welcome.body().text()).isEqualTo("您好，我是agent1，请问有什么可以帮您？");
            assertThat(history(agent, conv)).extracting(m -> m.body().text())
                    .containsExactly("你好，在吗", welcome.body().text());

            // closed on weekends only: now (Tuesday 10:00) is outside
            call("PUT", "/api/v1/shops/" + shop.shopId() + "/routing", shop.supervisor().token(),
                    TestServer.parse("{\"businessHours\":[{\"days\":[\"sat\",\"sun\"],\"from\":\"09:00\",\"to\":\"18:00\"}]}"));
            Buyer late = clients.buyer(buyerId());
            String lateConv = join(late.session().open(shop.shopId(), null, "有人吗")).conv();
            late.pushes().await(Notice.class, n -> n.conv().equals(lateConv));
            Msg afterHours = late.pushes().await(Msg.class, m -> "after_hours".equals(m.body().string("auto")));
            assertThat(afterHours.body().text()).isEqualTo("buyer " + late.id() + "您好，现在是下班时间，请留言");
            assertThat(afterHours.seq()).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void theAutoTextsAreValidated(Encoding encoding) {
        ShopFixture shop = server.newShop();
        ObjectNode tooLong = TestServer.obj().put("welcomeText", "好".repeat(501));
        HttpResponse<String> r = server.request("PUT", "/api/v1/shops/" + shop.shopId() + "/routing",
                shop.supervisor().token(), tooLong);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("welcomeText");
        JsonNode cleared = call("PUT", "/api/v1/shops/" + shop.shopId() + "/routing", shop.supervisor().token(),
                TestServer.parse("{\"welcomeText\":null}"));
        assertThat(cleared.path("welcomeText").isNull()).isTrue();
    }
}
