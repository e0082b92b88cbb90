package io.kefu.server.conversation;

import static io.kefu.server.TestClients.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kefu.client.Encoding;
import io.kefu.client.KefuClientException;
import io.kefu.protocol.AgentStatus;
import io.kefu.protocol.Body;
import io.kefu.protocol.ConvAssigned;
import io.kefu.protocol.ConvClosed;
import io.kefu.protocol.ConvQueued;
import io.kefu.protocol.ConvState;
import io.kefu.protocol.ConvTransferred;
import io.kefu.protocol.Entry;
import io.kefu.protocol.ErrorCode;
import io.kefu.protocol.Msg;
import io.kefu.protocol.OkResult.MessagesResult;
import io.kefu.protocol.OkResult.OpenResult;
import io.kefu.protocol.OkResult.SendResult;
import io.kefu.protocol.PartyType;
import io.kefu.protocol.Read;
import io.kefu.protocol.Survey;
import io.kefu.protocol.Typing;
import io.kefu.server.TestClients;
import io.kefu.server.TestClients.Agent;
import io.kefu.server.TestClients.Buyer;
import io.kefu.server.TestServer;
import io.kefu.server.TestServer.ShopFixture;
import java.util.UUID;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A buyer and agents chatting through the real SDK against a real server, in both encodings. Subclasses
 * choose the database (H2, PostgreSQL).
 */
@Timeout(60)
abstract class ChatScenarios {

    abstract TestServer server();

    private record Chat(Agent agent, Buyer buyer, String conv) {
    }

    /** agent1 online, a new buyer who opened a conversation with the shop, and the agent holding it. */
    private static Chat assignedChat(TestClients clients, ShopFixture shop, String firstText) {
        Agent agent = clients.agent(shop.agent1(), true);
        Buyer buyer = clients.buyer(buyerId());
        String conv = join(buyer.session().open(shop.shopId(), null, firstText)).conv();
        agent.pushes().await(ConvAssigned.class);
        return new Chat(agent, buyer, conv);
    }

    private static String buyerId() {
        return "buyer-" + UUID.randomUUID();
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void buyerAndAgentChatBothWays(Encoding encoding) {
        ShopFixture shop = server().newShop();
        try (TestClients clients = new TestClients(server(), encoding)) {
            Agent agent = clients.agent(shop.agent1(), true);
            Buyer buyer = clients.buyer(buyerId());

            OpenResult open = join(buyer.session().open(shop.shopId(), new Entry(Entry.PRODUCT, "p-42"), "在吗？"));
            String conv = open.conv();
            ConvAssigned toBuyer = buyer.pushes().await(ConvAssigned.class);
            assertThat(toBuyer.conv()).isEqualTo(conv);
            assertThat(toBuyer.agent().id()).isEqualTo(shop.agent1().id());
            assertThat(toBuyer.group()).isEqualTo(shop.preSales());
            ConvAssigned toAgent = agent.pushes().await(ConvAssigned.class);
            assertThat(toAgent.buyer().id()).isEqualTo(buyer.id());
            assertThat(toAgent.entry()).isEqualTo(new Entry(Entry.PRODUCT, "p-42"));

            Msg first = agent.pushes().await(Msg.class);
            assertThat(first.seq()).isEqualTo(1);
            assertThat(first.body().text()).isEqualTo("在吗？");
            assertThat(first.from().type()).isEqualTo(PartyType.BUYER);

            SendResult reply = join(agent.session().sendText(conv, "在的，亲"));
            assertThat(reply.seq()).isEqualTo(2);
            Msg atBuyer = buyer.pushes().await(Msg.class, m -> m.seq() == 2);
            assertThat(atBuyer.body().text()).isEqualTo("在的，亲");
            assertThat(atBuyer.from().id()).isEqualTo(shop.agent1().id());
            assertThat(agent.pushes().await(Msg.class, m -> m.seq() == 2).cmid()).isEqualTo(atBuyer.cmid());

            SendResult image = join(buyer.session().send(conv, "image", Body.of("url", "https://img.example/1.jpg")));
            assertThat(image.seq()).isEqualTo(3);
            assertThat(agent.pushes().await(Msg.class, m -> m.seq() == 3).kind()).isEqualTo("image");
        }
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void aRetriedCmidGetsTheSameSeqAndIsStoredOnce(Encoding encoding) {
        ShopFixture shop = server().newShop();
        try (TestClients clients = new TestClients(server(), encoding)) {
            Chat chat = assignedChat(clients, shop, null);
            Agent agent = chat.agent();
            Buyer buyer = chat.buyer();
            String conv = chat.conv();

            SendResult a = join(buyer.session().send(conv, "text", Body.text("once"), "cmid-1"));
            SendResult b = join(buyer.session().send(conv, "text", Body.text("once"), "cmid-1"));
            assertThat(b.seq()).isEqualTo(a.seq());
            SendResult c = join(buyer.session().send(conv, "text", Body.text("twice"), "cmid-2"));
            assertThat(c.seq()).isEqualTo(a.seq() + 1);

            MessagesResult all = join(agent.session().sync(conv, 0));
            assertThat(all.messages()).extracting(Msg::cmid).containsExactly("cmid-1", "cmid-2");
        }
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void historyAndSyncReadFromTheStore(Encoding encoding) {
        ShopFixture shop = server().newShop();
        try (TestClients clients = new TestClients(server(), encoding)) {
            Chat chat = assignedChat(clients, shop, null);
            Agent agent = chat.agent();
            Buyer buyer = chat.buyer();
            String conv = chat.conv();
            for (int i = 1; i <= 6; i++) {
                join((i % 2 == 0 ? agent.session() : buyer.session()).sendText(conv, "m" + i));
            }
            MessagesResult lastThree = join(buyer.session().history(conv, null, 3));
            assertThat(lastThree.messages()).extracting(Msg::seq).containsExactly(4L, 5L, 6L);
            MessagesResult before4 = join(buyer.session().history(conv, 4L, 50));
            assertThat(before4.messages()).extracting(Msg::seq).containsExactly(1L, 2L, 3L);
            MessagesResult after2 = join(agent.session().sync(conv, 2));
            assertThat(after2.messages()).extracting(m -> m.body().text()).containsExactly("m3", "m4", "m5", "m6");

            var http = server().request("GET", "/api/v1/conversations/" + conv + "/messages?afterSeq=4&limit=10",
                    shop.agent1().token(), null);
            assertThat(http.statusCode()).isEqualTo(200);
            assertThat(TestServer.parse(http.body()).get("messages")).hasSize(2);
        }
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void readReceiptsAndTypingReachTheOtherSide(Encoding encoding) {
        ShopFixture shop = server().newShop();
        try (TestClients clients = new TestClients(server(), encoding)) {
            Chat chat = assignedChat(clients, shop, "hi");
            Agent agent = chat.agent();
            Buyer buyer = chat.buyer();
            String conv = chat.conv();
            agent.pushes().await(Msg.class);

            join(buyer.session().typing(conv));
            Typing typing = agent.pushes().await(Typing.class);
            assertThat(typing.conv()).isEqualTo(conv);
            assertThat(typing.by()).isEqualTo(buyer.id());

            Agent laptop = clients.agent(shop.agent1(), true); // the same agent on a second device
            join(agent.session().read(conv, 1));
            Read read = buyer.pushes().await(Read.class);
            assertThat(read.seq()).isEqualTo(1);
            assertThat(read.by()).isEqualTo(shop.agent1().id());
            Read elsewhere = laptop.pushes().await(Read.class);
            assertThat(elsewhere.conv()).isEqualTo(conv);
            assertThat(elsewhere.by()).isEqualTo(shop.agent1().id());
        }
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void closingSendsClosedAndSurveyThenTheBuyerRatesOnce(Encoding encoding) {
        ShopFixture shop = server().newShop();
        try (TestClients clients = new TestClients(server(), encoding)) {
            Chat chat = assignedChat(clients, shop, "退货怎么办");
            Agent agent = chat.agent();
            Buyer buyer = chat.buyer();
            String conv = chat.conv();

            join(agent.session().close(conv, "resolved"));
            ConvClosed closed = buyer.pushes().await(ConvClosed.class);
            assertThat(closed.by()).isEqualTo(shop.agent1().id());
            assertThat(closed.reason()).isEqualTo("resolved");
            assertThat(agent.pushes().await(ConvClosed.class).conv()).isEqualTo(conv);
            assertThat(buyer.pushes().await(Survey.class).conv()).isEqualTo(conv);

            join(buyer.session().rate(conv, 5, "很好"));
            assertThatThrownBy(() -> join(buyer.session().rate(conv, 4, null)))
                    .isInstanceOfSatisfying(KefuClientException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE));
            assertThatThrownBy(() -> join(buyer.session().sendText(conv, "still there?")))
                    .isInstanceOfSatisfying(KefuClientException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE));

            String again = join(buyer.session().open(shop.shopId(), null, null)).conv();
            assertThat(again).isNotEqualTo(conv);
        }
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void theQueueDrainsInOrderWhenAnAgentComesOnline(Encoding encoding) {
        ShopFixture shop = server().newShop();
        try (TestClients clients = new TestClients(server(), encoding)) {
            Buyer first = clients.buyer(buyerId());
            Buyer second = clients.buyer(buyerId());
            Buyer third = clients.buyer(buyerId());
            OpenResult o1 = join(first.session().open(shop.shopId(), null, null));
            assertThat(o1.state()).isEqualTo(ConvState.QUEUED);
            assertThat(first.pushes().await(ConvQueued.class).position()).isEqualTo(1);
            join(second.session().open(shop.shopId(), null, null));
            assertThat(second.pushes().await(ConvQueued.class).position()).isEqualTo(2);
            String c3 = join(third.session().open(shop.shopId(), null, null)).conv();
            assertThat(third.pushes().await(ConvQueued.class).position()).isEqualTo(3);

            Agent agent = clients.agent(shop.agent1(), false);
            join(agent.session().status(AgentStatus.ONLINE));
            assertThat(agent.pushes().await(ConvAssigned.class).conv()).isEqualTo(o1.conv());
            first.pushes().await(ConvAssigned.class);
            second.pushes().await(ConvAssigned.class);
            ConvQueued moved = third.pushes().await(ConvQueued.class, q -> q.position() == 1);
            assertThat(moved.conv()).isEqualTo(c3);

            join(agent.session().close(o1.conv(), "done"));
            third.pushes().await(ConvAssigned.class);
        }
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void entryTypeChoosesTheGroupAndTransfersKeepTheConversation(Encoding encoding) {
        ShopFixture shop = server().newShop();
        try (TestClients clients = new TestClients(server(), encoding)) {
            Agent a1 = clients.agent(shop.agent1(), true);
            Agent a2 = clients.agent(shop.agent2(), true);
            Buyer buyer = clients.buyer(buyerId());
            String conv = join(buyer.session().open(shop.shopId(), new Entry(Entry.ORDER, "o-1"), "where is it")).conv();
            ConvAssigned assigned = a2.pushes().await(ConvAssigned.class);
            assertThat(assigned.group()).isEqualTo(shop.afterSales());

            join(a2.session().transfer(conv, shop.agent1().id(), null, "pre-sales question"));
            ConvTransferred atBuyer = buyer.pushes().await(ConvTransferred.class);
            assertThat(atBuyer.note()).isNull();
            assertThat(atBuyer.to().agent()).isEqualTo(shop.agent1().id());
            assertThat(a1.pushes().await(ConvTransferred.class).note()).isEqualTo("pre-sales question");
            assertThat(a2.pushes().await(ConvTransferred.class).conv()).isEqualTo(conv);
            assertThat(a1.pushes().await(ConvAssigned.class).conv()).isEqualTo(conv);

            SendResult r = join(a1.session().sendText(conv, "I can help"));
            assertThat(r.seq()).isEqualTo(2);
            assertThat(join(a1.session().sync(conv, 0)).messages()).hasSize(2);
            assertThatThrownBy(() -> join(a2.session().sendText(conv, "me too")))
                    .isInstanceOfSatisfying(KefuClientException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));

            join(a1.session().transfer(conv, null, shop.afterSales(), "back to you"));
            assertThat(buyer.pushes().await(ConvTransferred.class, t -> t.to().group() != null).to().group())
                    .isEqualTo(shop.afterSales());
            assertThat(a2.pushes().await(ConvAssigned.class).conv()).isEqualTo(conv);

            join(a2.session().transfer(conv, shop.agent1().id(), shop.preSales(), null));
            assertThat(a1.pushes().await(ConvAssigned.class, x -> x.group().equals(shop.preSales())).conv())
                    .isEqualTo(conv);
            assertThatThrownBy(() -> join(a1.session().transfer(conv, shop.agent2().id(), "no-such-group", null)))
                    .isInstanceOfSatisfying(KefuClientException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_FRAME));
        }
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void anAgentPicksAQueuedConversationByHand(Encoding encoding) {
        ShopFixture shop = server().newShop();
        try (TestClients clients = new TestClients(server(), encoding)) {
            Buyer buyer = clients.buyer(buyerId());
            String conv = join(buyer.session().open(shop.shopId(), null, "anyone?")).conv();
            buyer.pushes().await(ConvQueued.class);
            Agent agent = clients.agent(shop.agent2(), false);
            join(agent.session().pick(conv));
            assertThat(buyer.pushes().await(ConvAssigned.class).agent().id()).isEqualTo(shop.agent2().id());
            assertThatThrownBy(() -> join(agent.session().pick(conv)))
                    .isInstanceOfSatisfying(KefuClientException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE));
        }
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void helloListsOpenConversationsWithTheirLastSeq(Encoding encoding) {
        ShopFixture shop = server().newShop();
        String buyerId = buyerId();
        try (TestClients clients = new TestClients(server(), encoding)) {
            Agent agent = clients.agent(shop.agent1(), true);
            Buyer buyer = clients.buyer(buyerId);
            String conv = join(buyer.session().open(shop.shopId(), null, "one")).conv();
            agent.pushes().await(ConvAssigned.class);
            join(agent.session().sendText(conv, "two"));

            Buyer again = clients.buyer(buyerId);
            assertThat(again.hello().conversations()).singleElement().satisfies(c -> {
                assertThat(c.conv()).isEqualTo(conv);
                assertThat(c.shopId()).isEqualTo(shop.shopId());
                assertThat(c.state()).isEqualTo(ConvState.ASSIGNED);
                assertThat(c.lastSeq()).isEqualTo(2);
            });
            Agent agentAgain = clients.agent(shop.agent1(), false);
            assertThat(agentAgain.hello().conversations()).extracting(c -> c.conv()).containsExactly(conv);
        }
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void groupsAndAgentsAddedWhileTheShopIsLiveAreRoutedTo(Encoding encoding) {
        ShopFixture shop = server().newShop();
        try (TestClients clients = new TestClients(server(), encoding)) {
            Agent a1 = clients.agent(shop.agent1(), true);
            Buyer buyer = clients.buyer(buyerId());
            String conv = join(buyer.session().open(shop.shopId(), null, "vip here")).conv();
            a1.pushes().await(ConvAssigned.class);

            String vipGroup = server().post("/api/v1/shops/" + shop.shopId() + "/groups", TestServer.ADMIN_KEY,
                    TestServer.obj().put("name", "vip")).get("id").asText();
            TestServer.Login newcomer = server().agent(shop.shopId(), "newcomer", "agent", 3, vipGroup);
            Agent a3 = clients.agent(newcomer, true);

            join(a1.session().transfer(conv, null, vipGroup, "VIP customer"));
            ConvAssigned assigned = a3.pushes().await(ConvAssigned.class);
            assertThat(assigned.conv()).isEqualTo(conv);
            assertThat(assigned.group()).isEqualTo(vipGroup);
        }
    }
}
