package io.kefu.server.bot;

import static io.kefu.server.TestServer.ADMIN_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kefu.server.TestServer;
import io.kefu.server.TestServer.ShopFixture;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The FAQ bot's endpoints against a real server over loopback HTTP (H2, the V5 migration, BlockHound
 * watching the event loops): who may read and change what, the walls between shops, refusals that name
 * the field, and changes that the bot uses as soon as they are answered.
 */
@Timeout(60)
class BotApiIT {
    @RegisterExtension
    static final TestServer server = TestServer.h2();

    private static String bot(ShopFixture shop) {
        return "/api/v1/shops/" + shop.shopId() + "/bot";
    }

    private static String faqs(ShopFixture shop) {
        return "/api/v1/shops/" + shop.shopId() + "/faqs";
    }

    private static ObjectNode faq(String question, String answer, String... keywords) {
        ObjectNode n = TestServer.obj().put("question", question).put("answer", answer);
        for (String k : keywords) {
            n.withArray("keywords").add(k);
        }
        return n;
    }

    private static JsonNode ok(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return TestServer.parse(r.body());
    }

    private static void refused(HttpResponse<String> r, int status, String code, String messagePart) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode body = TestServer.parse(r.body());
        assertThat(body.path("code").asText()).isEqualTo(code);
        assertThat(body.path("message").asText()).contains(messagePart);
    }

    private static FaqBot engine() {
        return server.server().services().bot();
    }

    @Test
    void staffReadTheBotAndManagersChangeIt() {
        ShopFixture shop = server.newShop();
        String agent = shop.agent1().token();
        String boss = shop.supervisor().token();

        JsonNode defaults = ok(server.request("GET", bot(shop), agent, null));
        refused(server.request("PUT", bot(shop), agent, TestServer.obj().put("enabled", true)), 403, "forbidden",
                "only supervisors and admins of shop " + shop.shopId());
        JsonNode changed = ok(server.request("PUT", bot(shop), boss, TestServer.obj().put("enabled", true)
                .put("threshold", 0.6)));
        JsonNode readBack = ok(server.request("GET", bot(shop), agent, null));

        assertThat(defaults.path("enabled").asBoolean()).isFalse();
        assertThat(defaults.path("threshold").asDouble()).isEqualTo(BotSettings.DEFAULT_THRESHOLD);
        assertThat(defaults.path("missesBeforeHandoff").asInt()).isEqualTo(2);
        assertThat(defaults.path("greeting").asText()).isEqualTo(BotSettings.DEFAULT_GREETING);
        assertThat(texts(defaults.path("handoffWords"))).containsExactly("转人工", "人工", "人工客服", "human", "agent");
        assertThat(changed.path("enabled").asBoolean()).isTrue();
        assertThat(changed.path("threshold").asDouble()).isEqualTo(0.6);
        assertThat(changed.path("greeting").asText()).as("fields not sent stay")
                .isEqualTo(BotSettings.DEFAULT_GREETING);
        assertThat(readBack).isEqualTo(changed);
        assertThat(engine().settings(shop.shopId()).enabled()).as("in the bot's memory before the answer").isTrue();
        assertThat(engine().ready(shop.shopId())).isTrue();
    }

    @Test
    void managersWriteFaqsThatTheBotAnswersAtOnceAndAgentsOnlyReadThem() {
        ShopFixture shop = server.newShop();
        String agent = shop.agent1().token();
        String boss = shop.supervisor().token();

        refused(server.request("POST", faqs(shop), agent, faq("什么时候发货？", "48小时内。")), 403, "forbidden",
                "supervisors and admins");
        JsonNode created = ok(server.request("POST", faqs(shop), boss, faq(" 什么时候发货？ ", "48小时内发货。", "发货")));
        String id = created.path("id").asText();
        BotReply first = engine().reply(shop.shopId(), "请问什么时候能发货");
        JsonNode edited = ok(server.request("PUT", faqs(shop) + "/" + id, boss,
                TestServer.obj().put("answer", "付款后24小时内发货。")));
        BotReply second = engine().reply(shop.shopId(), "请问什么时候能发货");
        JsonNode listed = ok(server.request("GET", faqs(shop), agent, null));
        refused(server.request("PUT", faqs(shop) + "/" + id, agent, TestServer.obj().put("answer", "x")), 403,
                "forbidden", "supervisors");
        refused(server.request("DELETE", faqs(shop) + "/" + id, agent, null), 403, "forbidden", "supervisors");
        JsonNode deleted = ok(server.request("DELETE", faqs(shop) + "/" + id, ADMIN_KEY, null));
        BotReply third = engine().reply(shop.shopId(), "请问什么时候能发货");

        assertThat(id).isNotBlank();
        assertThat(created.path("question").asText()).isEqualTo("什么时候发货？");
        assertThat(texts(created.path("keywords"))).containsExactly("发货");
        assertThat(first).isInstanceOfSatisfying(BotReply.Answer.class, a -> {
            assertThat(a.faqId()).isEqualTo(id);
            assertThat(a.answer()).isEqualTo("48小时内发货。");
        });
        assertThat(edited.path("answer").asText()).isEqualTo("付款后24小时内发货。");
        assertThat(edited.path("question").asText()).as("fields not sent stay").isEqualTo("什么时候发货？");
        assertThat(second).isInstanceOfSatisfying(BotReply.Answer.class,
                a -> assertThat(a.answer()).isEqualTo("付款后24小时内发货。"));
        assertThat(listed.path("faqs")).hasSize(1);
        assertThat(listed.path("faqs").get(0)).isEqualTo(edited);
        assertThat(deleted.path("deleted").asBoolean()).isTrue();
        assertThat(third).isEqualTo(BotReply.MISS);
        assertThat(ok(server.request("GET", faqs(shop), agent, null)).path("faqs")).isEmpty();
    }

    @Test
    void anotherShopsBotAndFaqsAreBehindAWall() {
        ShopFixture shopA = server.newShop();
        ShopFixture shopB = server.newShop();
        String faqOfA = ok(server.request("POST", faqs(shopA), shopA.supervisor().token(), faq("发什么快递？", "顺丰")))
                .path("id").asText();
        String bossB = shopB.supervisor().token();

        refused(server.request("GET", bot(shopA), bossB, null), 403, "forbidden", "shop " + shopA.shopId());
        refused(server.request("PUT", bot(shopA), bossB, TestServer.obj().put("enabled", true)), 403, "forbidden",
                "shop " + shopA.shopId());
        refused(server.request("GET", faqs(shopA), bossB, null), 403, "forbidden", "shop " + shopA.shopId());
        refused(server.request("POST", faqs(shopA), bossB, faq("q", "a")), 403, "forbidden", "shop " + shopA.shopId());
        refused(server.request("PUT", faqs(shopB) + "/" + faqOfA, bossB, TestServer.obj().put("answer", "x")), 404,
                "not_found", "FAQ '" + faqOfA + "' not found in shop " + shopB.shopId());
        refused(server.request("DELETE", faqs(shopB) + "/" + faqOfA, bossB, null), 404, "not_found", faqOfA);
        refused(server.request("GET", "/api/v1/shops/no-such-shop/bot", ADMIN_KEY, null), 404, "not_found",
                "shop 'no-such-shop' not found");
        refused(server.request("POST", "/api/v1/shops/no-such-shop/faqs", ADMIN_KEY, faq("q", "a")), 404, "not_found",
                "no-such-shop");
        refused(server.request("GET", faqs(shopA), null, null), 401, "unauthorized", "");

        JsonNode stillThere = ok(server.request("GET", faqs(shopA), shopA.agent2().token(), null)).path("faqs");
        assertThat(stillThere).hasSize(1);
        assertThat(stillThere.get(0).path("answer").asText()).isEqualTo("顺丰");
        assertThat(engine().faq(shopB.shopId(), faqOfA)).isEmpty();
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        ShopFixture shop = server.newShop();
        String boss = shop.supervisor().token();
        String id = ok(server.request("POST", faqs(shop), boss, faq("q", "a"))).path("id").asText();

        refused(server.request("PUT", bot(shop), boss, TestServer.obj().put("threshold", 2)), 400, "bad_frame",
                "field 'threshold'");
        refused(server.request("PUT", bot(shop), boss, TestServer.obj().put("missesBeforeHandoff", 0)), 400,
                "bad_frame", "field 'missesBeforeHandoff'");
        refused(server.request("PUT", bot(shop), boss, "[]"), 400, "bad_frame", "JSON object");
        refused(server.request("POST", faqs(shop), boss, TestServer.obj().put("answer", "a")), 400, "bad_frame",
                "field 'question' is required");
        refused(server.request("POST", faqs(shop), boss, faq("q", "a".repeat(Faq.MAX_ANSWER + 1))), 400, "bad_frame",
                "field 'answer' must be at most 2000");
        refused(server.request("POST", faqs(shop), boss, faq("q", "a", "？？")), 400, "bad_frame", "field 'keywords'");
        refused(server.request("PUT", faqs(shop) + "/" + id, boss, TestServer.obj()), 400, "bad_frame",
                "nothing to change");
        refused(server.request("PATCH", faqs(shop) + "/" + id, boss, TestServer.obj()), 405, "bad_frame", "");

        assertThat(ok(server.request("GET", bot(shop), boss, null)).path("threshold").asDouble())
                .isEqualTo(BotSettings.DEFAULT_THRESHOLD);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
