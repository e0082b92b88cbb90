package io.kefu.server.bot;

import static io.kefu.server.TestClients.join;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kefu.client.Encoding;
import io.kefu.protocol.Body;
import io.kefu.protocol.ConvAssigned;
import io.kefu.protocol.ConvQueued;
import io.kefu.protocol.ConvState;
import io.kefu.protocol.Msg;
import io.kefu.protocol.OkResult.OpenResult;
import io.kefu.protocol.PartyType;
import io.kefu.server.TestClients;
import io.kefu.server.TestClients.Agent;
import io.kefu.server.TestClients.Buyer;
import io.kefu.server.TestServer;
import io.kefu.server.TestServer.ShopFixture;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The FAQ bot in a conversation, through real sockets and the real SDK in both encodings (contract §7): the
 * greeting, confident answers, suggestions and a picked one, hand-off by the {@code human} frame, by a hand-off
 * word and after misses in a row, {@code fromBot} and the bot's transcript for the agent who takes over.
 */
@Timeout(60)
class BotConversationIT {
    @RegisterExtension
    static final TestServer server = TestServer.h2();

    private static final List<String[]> FAQS = List.of(
            new String[] {"什么时候发货？", "付款后48小时内发货。", "发货"},
            new String[] {"怎么申请退款？", "在订单页点击“申请退款”即可。", "退款,退钱"},
            new String[] {"退款多久能到账？", "审核通过后1-3个工作日原路退回。", ""},
            new String[] {"尺码偏大还是偏小？", "尺码标准，按平时尺码拍即可。", "尺码,码数"},
            new String[] {"发什么快递？", "默认顺丰包邮。", "快递,顺丰"},
            new String[] {"可以开发票吗？", "可以，下单时备注抬头和税号。", "发票"},
            new String[] {"下单后可以修改收货地址吗？", "发货前可以在订单页修改地址。", "改地址"},
            new String[] {"支持七天无理由退货吗？", "支持，商品完好不影响二次销售即可。", "无理由"},
            new String[] {"When will my order ship?", "Orders ship within 48 hours of payment.", ""},
            new String[] {"How do I request a refund?", "Open the order and tap Request refund.", "refund"});

    private static String buyerId() {
        return "buyer-" + UUID.randomUUID();
    }

    /** A shop with the bot on and the FAQs above; returns the shop. */
    private static ShopFixture botShop() {
        ShopFixture shop = server.newShop();
        String base = "/api/v1/shops/" + shop.shopId();
        for (String[] f : FAQS) {
            ObjectNode faq = TestServer.obj().put("question", f[0]).put("answer", f[1]);
            var kw = faq.putArray("keywords");
            for (String k : f[2].split(",")) {
                if (!k.isBlank()) {
                    kw.add(k);
                }
            }
            server.post(base + "/faqs", shop.supervisor().token(), faq);
        }
        HttpResponse<String> put = server.request("PUT", base + "/bot", shop.supervisor().token(),
                TestServer.parse("{\"enabled\":true,\"greeting\":\"您好，我是小蜜，有什么可以帮您？\"}"));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        return shop;
    }

    private static Msg botSays(Buyer buyer, String conv, long seq) {
        Msg m = buyer.pushes().await(Msg.class, x -> x.conv().equals(conv) && x.seq() == seq);
        assertThat(m.from().type()).as("message %d is from the bot", seq).isEqualTo(PartyType.BOT);
        return m;
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void theBotGreetsAnswersAndSuggestsAndAPickedSuggestionIsAnswered(Encoding encoding) {
        ShopFixture shop = botShop();
        try (TestClients clients = new TestClients(server, encoding)) {
            Agent agent = clients.agent(shop.agent1(), true);
            Buyer buyer = clients.buyer(buyerId());

            OpenResult opened = join(buyer.session().open(shop.shopId(), null, "你们发的什么快递"));
            String conv = opened.conv();

            assertThat(opened.state()).isEqualTo(ConvState.BOT);
            assertThat(botSays(buyer, conv, 1).body().text()).isEqualTo("您好，我是小蜜，有什么可以帮您？");
            Msg answer = botSays(buyer, conv, 3);
            assertThat(answer.body().text()).isEqualTo("默认顺丰包邮。");
            assertThat(answer.body().string("faqId")).isNotBlank();

            join(buyer.session().sendText(conv, "钱多久退回来 退款到账要几天"));
            Msg suggestions = botSays(buyer, conv, 5);
            assertThat(suggestions.kind()).isEqualTo("suggestions");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> items = (List<Map<String, Object>>) suggestions.body().fields().get("items");
            assertThat(items).isNotEmpty();
            assertThat(items.get(0).get("question")).isEqualTo("退款多久能到账？");

            Map<String, Object> pick = Map.of("text", "退款多久能到账？", "faqId", items.get(0).get("faqId"));
            join(buyer.session().send(conv, "text", new Body(pick)));
            assertThat(botSays(buyer, conv, 7).body().text()).isEqualTo("审核通过后1-3个工作日原路退回。");
            // nobody was bothered: the conversation is still the bot's
            assertThat(agent.pushes().all(ConvAssigned.class)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void aHandOffWordQueuesTheBuyerAndTheAgentGetsTheTranscript(Encoding encoding) {
        ShopFixture shop = botShop();
        try (TestClients clients = new TestClients(server, encoding)) {
            Buyer buyer = clients.buyer(buyerId());
            String conv = join(buyer.session().open(shop.shopId(), null, "什么时候发货")).conv();
            botSays(buyer, conv, 3);

            join(buyer.session().sendText(conv, "我要转人工"));

            assertThat(botSays(buyer, conv, 5).body().text()).contains("人工");
            buyer.pushes().await(ConvQueued.class, q -> q.conv().equals(conv));
            Agent agent = clients.agent(shop.agent1(), true);
            ConvAssigned assigned = agent.pushes().await(ConvAssigned.class, a -> a.conv().equals(conv));
            assertThat(assigned.fromBot()).isTrue();
            List<Msg> history = join(agent.session().history(conv, null, null)).messages();
            assertThat(history).extracting(m -> m.from().type()).containsExactly(PartyType.BOT, PartyType.BUYER,
                    PartyType.BOT, PartyType.BUYER, PartyType.BOT);
            assertThat(history.get(2).body().text()).isEqualTo("付款后48小时内发货。");
            // after the hand-off the bot is quiet: the agent answers
            join(buyer.session().sendText(conv, "在吗"));
            agent.pushes().await(Msg.class, m -> m.seq() == 6);
            join(agent.session().sendText(conv, "在的，您好"));
            assertThat(join(agent.session().history(conv, null, null)).messages()).extracting(m -> m.from().type())
                    .endsWith(PartyType.BUYER, PartyType.AGENT);
        }
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void theHumanFrameAndMissesInARowHandOff(Encoding encoding) {
        ShopFixture shop = botShop();
        try (TestClients clients = new TestClients(server, encoding)) {
            Agent agent = clients.agent(shop.agent1(), true);
            Buyer byFrame = clients.buyer(buyerId());
            String first = join(byFrame.session().open(shop.shopId(), null, null)).conv();
            join(byFrame.session().human(first));
            assertThat(agent.pushes().await(ConvAssigned.class, a -> a.conv().equals(first)).fromBot()).isTrue();

            Buyer lost = clients.buyer(buyerId());
            String second = join(lost.session().open(shop.shopId(), null, "今天天气真不错")).conv();
            assertThat(botSays(lost, second, 3).body().text()).contains("没有理解");
            assertThat(agent.pushes().all(ConvAssigned.class)).noneMatch(a -> a.conv().equals(second));
            join(lost.session().sendText(second, "你们老板是谁"));

            assertThat(agent.pushes().await(ConvAssigned.class, a -> a.conv().equals(second)).fromBot()).isTrue();
        }
    }

    @Test
    void handOffsAreCountedByReason() {
        ShopFixture shop = botShop();
        try (TestClients clients = new TestClients(server, Encoding.JSON)) {
            Buyer buyer = clients.buyer(buyerId());
            String conv = join(buyer.session().open(shop.shopId(), null, null)).conv();
            join(buyer.session().sendText(conv, "人工客服"));
            buyer.pushes().await(ConvQueued.class, q -> q.conv().equals(conv));
        }
        String metrics = server.request("GET", "/metrics", null, null).body();
        assertThat(metrics).containsPattern("kefu_bot_handoffs_total\\{reason=\"word\"[^}]*} [1-9]");
        assertThat(metrics).containsPattern("kefu_bot_replies_total\\{result=\"answer\"[^}]*} [0-9]");
    }
}
