package io.kefu.server.routing;

import static io.kefu.server.TestClients.join;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kefu.client.Encoding;
import io.kefu.client.KefuClient;
import io.kefu.protocol.AgentStatus;
import io.kefu.protocol.ConvAssigned;
import io.kefu.protocol.ConvClosed;
import io.kefu.protocol.ConvQueued;
import io.kefu.protocol.ConvState;
import io.kefu.protocol.ConvTransferred;
import io.kefu.protocol.Entry;
import io.kefu.protocol.Notice;
import io.kefu.protocol.Status;
import io.kefu.server.Recorder;
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
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Routing's time rules through real sockets, on a clock the test moves: queue timeout, no-answer
 * reassignment, idle close, the grace period, business hours, sticky agents, overflow and shift starts.
 * Nothing here sleeps; minutes pass in milliseconds.
 */
@Timeout(60)
class TimeRulesIT {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** A Tuesday, 10:00 in Shanghai. */
    private static final Instant START = LocalDateTime.parse("2026-12-01T10:00").atZone(SHANGHAI).toInstant();

    @RegisterExtension
    static final TestServer server = TestServer.h2WithManualTime(START, b -> b);

    private static String buyerId() {
        return "buyer-" + UUID.randomUUID();
    }

    private static void call(String method, String path, String json) {
        HttpResponse<String> r = server.request(method, path, TestServer.ADMIN_KEY, TestServer.parse(json));
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(200);
    }

    private static void settings(ShopFixture shop, String json) {
        call("PUT", "/api/v1/shops/" + shop.shopId() + "/routing", json);
    }

    private static void agent(ShopFixture shop, TestServer.Login who, String json) {
        call("PATCH", "/api/v1/shops/" + shop.shopId() + "/agents/" + who.id(), json);
    }

    @Test
    void aLongWaitTellsTheBuyerTheyMayLeaveAMessageAndKeepsThemQueued() {
        ShopFixture shop = server.newShop();
        settings(shop, "{\"queueTimeoutSec\":60}");
        try (TestClients clients = new TestClients(server, Encoding.JSON)) {
            Buyer buyer = clients.buyer(buyerId());
            String conv = join(buyer.session().open(shop.shopId(), null, "在吗")).conv();

            server.advance(Duration.ofSeconds(61));

            Notice notice = buyer.pushes().await(Notice.class);
            assertThat(notice.conv()).isEqualTo(conv);
            assertThat(notice.code()).isEqualTo(Notice.QUEUE_TIMEOUT);
            assertThat(notice.text()).isNotBlank();
            Agent agent = clients.agent(shop.agent1(), true);
            assertThat(agent.pushes().await(ConvAssigned.class).conv()).as("still queued, served when an agent comes")
                    .isEqualTo(conv);
        }
    }

    @Test
    void aBuyerNobodyAnswersGoesToAnotherAgentAndTheSilentOneIsSetAway() {
        ShopFixture shop = server.newShop();
        settings(shop, "{\"noAnswerSec\":180,\"noAnswerAway\":true}");
        try (TestClients clients = new TestClients(server, Encoding.BINARY)) {
            Agent one = clients.agent(shop.agent1(), true);
            Buyer buyer = clients.buyer(buyerId());
            String conv = join(buyer.session().open(shop.shopId(), null, "这件有 XL 吗")).conv();
            one.pushes().await(ConvAssigned.class);
            Agent two = clients.agent(shop.agent2(), true);

            server.advance(Duration.ofSeconds(179));
            server.advance(Duration.ofSeconds(2));

            ConvTransferred moved = buyer.pushes().await(ConvTransferred.class);
            assertThat(moved.reason()).isEqualTo(ConvTransferred.NO_ANSWER);
            assertThat(two.pushes().await(ConvAssigned.class).conv()).isEqualTo(conv);
            Status away = one.pushes().await(Status.class, st -> st.value() == AgentStatus.AWAY);
            assertThat(away.agent()).isEqualTo(shop.agent1().id());
            assertThat(away.value()).isEqualTo(AgentStatus.AWAY);
            assertThat(away.reason()).isEqualTo("no_answer");
        }
    }

    @Test
    void anAnsweredBuyerIsNotReassigned() {
        ShopFixture shop = server.newShop();
        settings(shop, "{\"noAnswerSec\":180}");
        try (TestClients clients = new TestClients(server, Encoding.JSON)) {
            Agent one = clients.agent(shop.agent1(), true);
            Buyer buyer = clients.buyer(buyerId());
            String conv = join(buyer.session().open(shop.shopId(), null, "hi")).conv();
            one.pushes().await(ConvAssigned.class);
            join(one.session().sendText(conv, "您好，在的"));

            server.advance(Duration.ofSeconds(400));
            join(buyer.session().sendText(conv, "ok"));

            assertThat(buyer.pushes().all(ConvTransferred.class)).isEmpty();
        }
    }

    @Test
    void aBuyerWhoWritesAgainAfterAnAnswerIsTimedFromTheirNewMessage() {
        ShopFixture shop = server.newShop();
        settings(shop, "{\"noAnswerSec\":180,\"noAnswerAway\":false}");
        try (TestClients clients = new TestClients(server, Encoding.JSON)) {
            Agent one = clients.agent(shop.agent1(), true);
            Buyer buyer = clients.buyer(buyerId());
            String conv = join(buyer.session().open(shop.shopId(), null, "在吗")).conv();
            one.pushes().await(ConvAssigned.class);
            join(one.session().sendText(conv, "在的"));
            server.advance(Duration.ofSeconds(100));
            join(buyer.session().sendText(conv, "发什么快递"));

            // The first message's deadline (180 s) passes: answered, so it only arms the second one's (280 s).
            server.advance(Duration.ofSeconds(90));
            join(buyer.session().sendText(conv, "？"));
            assertThat(buyer.pushes().all(ConvTransferred.class)).isEmpty();

            server.advance(Duration.ofSeconds(91));
            assertThat(buyer.pushes().await(ConvTransferred.class).reason()).isEqualTo(ConvTransferred.NO_ANSWER);
        }
    }

    @Test
    void aQuietConversationIsClosedBySystemAsIdle() {
        ShopFixture shop = server.newShop();
        settings(shop, "{\"idleCloseSec\":600,\"noAnswerSec\":0}");
        try (TestClients clients = new TestClients(server, Encoding.JSON)) {
            Agent one = clients.agent(shop.agent1(), true);
            Buyer buyer = clients.buyer(buyerId());
            String conv = join(buyer.session().open(shop.shopId(), null, "hi")).conv();
            one.pushes().await(ConvAssigned.class);
            server.advance(Duration.ofSeconds(500));
            join(one.session().sendText(conv, "还在吗？"));

            server.advance(Duration.ofSeconds(500));
            assertThat(buyer.pushes().all(ConvClosed.class)).as("the message restarted the idle clock").isEmpty();
            server.advance(Duration.ofSeconds(101));

            ConvClosed closed = buyer.pushes().await(ConvClosed.class);
            assertThat(closed.by()).isEqualTo("system");
            assertThat(closed.reason()).isEqualTo("idle");
        }
    }

    @Test
    void aDroppedAgentKeepsChatsForTheGracePeriodThenTheyGoBackToTheFront() {
        ShopFixture shop = server.newShop();
        settings(shop, "{\"graceSec\":60,\"noAnswerSec\":0}");
        try (TestClients clients = new TestClients(server, Encoding.JSON)) {
            Recorder oneRec = new Recorder();
            KefuClient oneClient = clients.connect(shop.agent1().token(), oneRec);
            join(new io.kefu.client.AgentSession(oneClient).status(AgentStatus.ONLINE));
            Buyer buyer = clients.buyer(buyerId());
            String conv = join(buyer.session().open(shop.shopId(), null, "hi")).conv();
            oneRec.await(ConvAssigned.class);

            oneClient.close();
            disconnected(shop.agent1().id(), buyer, conv);
            server.advance(Duration.ofSeconds(30));
            KefuClient back = clients.connect(shop.agent1().token(), new Recorder());
            assertThat(back.session().orElseThrow().conversations()).as("still theirs after 30 s")
                    .anyMatch(s -> s.conv().equals(conv));
            back.close();
            disconnected(shop.agent1().id(), buyer, conv);
            server.advance(Duration.ofSeconds(61));

            ConvTransferred moved = buyer.pushes().await(ConvTransferred.class);
            assertThat(moved.reason()).isEqualTo(ConvTransferred.AGENT_OFFLINE);
            Agent two = clients.agent(shop.agent2(), true);
            assertThat(two.pushes().await(ConvAssigned.class).conv()).isEqualTo(conv);
        }
    }

    /**
     * Waits until the server has seen the agent's last connection go and its router has taken note: the
     * buyer's message goes through the same router after the disconnect did.
     */
    private static void disconnected(String agentId, Buyer buyer, String conv) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> !server.server().services().sessions().isConnected(agentId));
        join(buyer.session().sendText(conv, "有人吗"));
    }

    @Test
    void openingAfterHoursQueuesWithANoticeAndTheQueueDrainsWhenTheShopOpens() {
        ShopFixture shop = server.newShop();
        LocalDateTime now = LocalDateTime.ofInstant(server.clock().instant(), SHANGHAI);
        String from = now.plusHours(1).toLocalTime().withSecond(0).withNano(0).toString();
        String to = now.plusHours(2).toLocalTime().withSecond(0).withNano(0).toString();
        settings(shop, "{\"businessHours\":[{\"days\":[\"mon\",\"tue\",\"wed\",\"thu\",\"fri\",\"sat\",\"sun\"],"
                + "\"from\":\"" + from + "\",\"to\":\"" + to + "\"}]}");
        try (TestClients clients = new TestClients(server, Encoding.JSON)) {
            Agent one = clients.agent(shop.agent1(), true);
            Buyer buyer = clients.buyer(buyerId());
            var opened = join(buyer.session().open(shop.shopId(), null, "在吗"));

            Notice notice = buyer.pushes().await(Notice.class);
            assertThat(opened.state()).isEqualTo(ConvState.QUEUED);
            assertThat(notice.code()).isEqualTo(Notice.AFTER_HOURS);
            assertThat(notice.opensAt()).isGreaterThan(server.clock().millis());

            server.advance(Duration.ofMillis(notice.opensAt() - server.clock().millis()));

            assertThat(one.pushes().await(ConvAssigned.class).conv()).isEqualTo(opened.conv());
        }
    }

    @Test
    void aReturningBuyerGoesToTheirLastAgentOrWaitsForThemABit() {
        ShopFixture shop = server.newShop();
        settings(shop, "{\"stickyDays\":7,\"stickyWaitSec\":30,\"noAnswerSec\":0}");
        agent(shop, shop.agent2(), "{\"maxConcurrent\":1}");
        try (TestClients clients = new TestClients(server, Encoding.JSON)) {
            Agent two = clients.agent(shop.agent2(), true);
            String regular = buyerId();
            Buyer buyer = clients.buyer(regular);
            String first = join(buyer.session().open(shop.shopId(), null, "hi")).conv();
            two.pushes().await(ConvAssigned.class, a -> a.conv().equals(first));
            join(two.session().close(first, "resolved"));
            Agent one = clients.agent(shop.agent1(), true);

            String second = join(buyer.session().open(shop.shopId(), null, "我又来了")).conv();
            assertThat(two.pushes().await(ConvAssigned.class, a -> a.conv().equals(second))).isNotNull();
            join(two.session().close(second, "resolved"));

            // agent2 is full now: the buyer waits for them up to 30 s, then anyone may take the chat
            join(one.session().status(AgentStatus.BUSY));
            Buyer other = clients.buyer(buyerId());
            String filler = join(other.session().open(shop.shopId(), null, "hi")).conv();
            assertThat(two.pushes().await(ConvAssigned.class, a -> a.conv().equals(filler))).isNotNull();
            join(one.session().status(AgentStatus.ONLINE));
            String third = join(buyer.session().open(shop.shopId(), null, "还是我")).conv();
            server.advance(Duration.ofSeconds(20));
            assertThat(one.pushes().all(ConvAssigned.class)).noneMatch(a -> a.conv().equals(third));
            server.advance(Duration.ofSeconds(11));
            assertThat(one.pushes().await(ConvAssigned.class, a -> a.conv().equals(third))).isNotNull();
        }
    }

    @Test
    void aGroupOverflowsToAnotherAfterItsWait() {
        ShopFixture shop = server.newShop();
        call("PATCH", "/api/v1/shops/" + shop.shopId() + "/groups/" + shop.preSales(),
                "{\"overflowTo\":\"" + shop.afterSales() + "\",\"overflowAfterSec\":60}");
        TestServer.Login afterOnly = server.agent(shop.shopId(), "after-only", "agent", 3, shop.afterSales());
        try (TestClients clients = new TestClients(server, Encoding.JSON)) {
            Agent after = clients.agent(afterOnly, true);
            Buyer buyer = clients.buyer(buyerId());
            String conv = join(buyer.session().open(shop.shopId(), new Entry("product", "p1"), "hi")).conv();
            assertThat(buyer.pushes().await(ConvQueued.class).group()).isEqualTo(shop.preSales());

            server.advance(Duration.ofSeconds(61));

            ConvAssigned assigned = after.pushes().await(ConvAssigned.class);
            assertThat(assigned.conv()).isEqualTo(conv);
        }
    }

    @Test
    void anOnlineAgentGetsWorkWhenTheirShiftStarts() {
        ShopFixture shop = server.newShop();
        LocalDateTime now = LocalDateTime.ofInstant(server.clock().instant(), SHANGHAI);
        String from = now.plusMinutes(30).toLocalTime().withSecond(0).withNano(0).toString();
        String to = now.plusHours(3).toLocalTime().withSecond(0).withNano(0).toString();
        agent(shop, shop.agent1(), "{\"shifts\":[{\"days\":[\"mon\",\"tue\",\"wed\",\"thu\",\"fri\",\"sat\",\"sun\"],"
                + "\"from\":\"" + from + "\",\"to\":\"" + to + "\"}]}");
        try (TestClients clients = new TestClients(server, Encoding.JSON)) {
            Agent one = clients.agent(shop.agent1(), true);
            Buyer buyer = clients.buyer(buyerId());
            var opened = join(buyer.session().open(shop.shopId(), null, "hi"));
            assertThat(opened.state()).isEqualTo(ConvState.QUEUED);

            server.advance(Duration.ofMinutes(31));

            assertThat(one.pushes().await(ConvAssigned.class).conv()).isEqualTo(opened.conv());
        }
    }

    @Test
    void theIdleClockStartsAtAssignmentNotInTheQueue() {
        ShopFixture shop = server.newShop();
        settings(shop, "{\"idleCloseSec\":600,\"noAnswerSec\":0,\"queueTimeoutSec\":0}");
        try (TestClients clients = new TestClients(server, Encoding.JSON)) {
            Buyer buyer = clients.buyer(buyerId());
            String conv = join(buyer.session().open(shop.shopId(), null, "hi")).conv();
            server.advance(Duration.ofSeconds(700));
            Agent one = clients.agent(shop.agent1(), true);
            one.pushes().await(ConvAssigned.class, a -> a.conv().equals(conv));

            server.advance(Duration.ofSeconds(590));
            join(buyer.session().sendText(conv, "still here"));
            assertThat(buyer.pushes().all(ConvClosed.class)).as("not idle 590 s after assignment").isEmpty();
            server.advance(Duration.ofSeconds(601));
            assertThat(buyer.pushes().await(ConvClosed.class).reason()).isEqualTo("idle");
        }
    }

    @Test
    void aQueueLeftWaitingAtClosingTimeIsServedWhenTheShopOpensAgain() {
        ShopFixture shop = server.newShop();
        LocalDateTime now = LocalDateTime.ofInstant(server.clock().instant(), SHANGHAI);
        String open1 = now.toLocalTime().withSecond(0).withNano(0).toString();
        String close1 = now.plusHours(1).toLocalTime().withSecond(0).withNano(0).toString();
        String open2 = now.plusHours(2).toLocalTime().withSecond(0).withNano(0).toString();
        String close2 = now.plusHours(3).toLocalTime().withSecond(0).withNano(0).toString();
        String days = "[\"mon\",\"tue\",\"wed\",\"thu\",\"fri\",\"sat\",\"sun\"]";
        settings(shop, "{\"queueTimeoutSec\":0,\"businessHours\":[{\"days\":" + days + ",\"from\":\"" + open1
                + "\",\"to\":\"" + close1 + "\"},{\"days\":" + days + ",\"from\":\"" + open2 + "\",\"to\":\"" + close2
                + "\"}]}");
        try (TestClients clients = new TestClients(server, Encoding.JSON)) {
            Buyer buyer = clients.buyer(buyerId());
            String conv = join(buyer.session().open(shop.shopId(), null, "在吗")).conv();
            server.advance(Duration.ofMinutes(65));
            Agent one = clients.agent(shop.agent1(), true);
            assertThat(one.pushes().all(ConvAssigned.class)).as("closed now").isEmpty();

            server.advance(Duration.ofMinutes(56));

            assertThat(one.pushes().await(ConvAssigned.class).conv()).isEqualTo(conv);
        }
    }

    @Test
    void withoutAwayTheSilentAgentGetsTheBuyerBackRatherThanTheQueueStalling() {
        ShopFixture shop = server.newShop();
        settings(shop, "{\"noAnswerSec\":180,\"noAnswerAway\":false}");
        try (TestClients clients = new TestClients(server, Encoding.JSON)) {
            Agent one = clients.agent(shop.agent1(), true);
            Buyer buyer = clients.buyer(buyerId());
            String conv = join(buyer.session().open(shop.shopId(), null, "hi")).conv();
            one.pushes().await(ConvAssigned.class);

            server.advance(Duration.ofSeconds(181));

            assertThat(buyer.pushes().await(ConvTransferred.class).reason()).isEqualTo(ConvTransferred.NO_ANSWER);
            assertThat(one.pushes().await(ConvAssigned.class).conv()).as("nobody else is free").isEqualTo(conv);
        }
    }
}
