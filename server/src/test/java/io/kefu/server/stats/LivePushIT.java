package io.kefu.server.stats;

import static io.kefu.server.TestClients.join;
import static org.assertj.core.api.Assertions.assertThat;

import io.kefu.client.Encoding;
import io.kefu.protocol.AgentStatus;
import io.kefu.protocol.ConvSummary;
import io.kefu.protocol.ConvAssigned;
import io.kefu.protocol.ConvTransferred;
import io.kefu.protocol.Live;
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
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the live picture pushes, on a clock the test moves: the agent's countdown to the 3-minute mark
 * ({@code replyBy} on the agent's copy of a buyer's {@code msg}) and the managers' {@code live} summary, once an
 * interval (5 s by default) when the picture changed; in both encodings.
 */
@Timeout(60)
class LivePushIT {
    private static final Instant START = Instant.parse("2026-12-01T06:00:00Z");

    @RegisterExtension
    static final TestServer server = TestServer.h2WithManualTime(START, b -> b);

    /** A new shop with the no-answer transfer and the idle close off: the clock moves without them acting. */
    private static ShopFixture shopWithoutReplyTimers() {
        ShopFixture shop = server.newShop();
        HttpResponse<String> put = server.request("PUT", "/api/v1/shops/" + shop.shopId() + "/routing",
                TestServer.ADMIN_KEY, TestServer.parse("{\"noAnswerSec\":0,\"idleCloseSec\":0}"));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        return shop;
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void theAgentSeesWhenTheThreeMinuteMarkPassesForTheOldestUnansweredBuyerMessage(Encoding encoding) {
        ShopFixture shop = server.newShop();
        HttpResponse<String> put = server.request("PUT", "/api/v1/shops/" + shop.shopId() + "/routing",
                TestServer.ADMIN_KEY, TestServer.parse("{\"noAnswerSec\":0,\"idleCloseSec\":0,"
                        + "\"welcomeText\":\"您好，我是{agent.name}\"}"));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        try (TestClients clients = new TestClients(server, encoding)) {
            Agent agent = clients.agent(shop.agent1(), true);
            Buyer buyer = clients.buyer("buyer-" + UUID.randomUUID());
            String conv = join(buyer.session().open(shop.shopId(), null, "hi")).conv();
            agent.pushes().await(ConvAssigned.class, a -> a.conv().equals(conv));
            Msg hi = agent.pushes().await(Msg.class, m -> m.conv().equals(conv) && m.from().type() == PartyType.BUYER);
            assertThat(hi.replyBy()).isEqualTo(hi.ts() + 180_000);
            Msg welcome = agent.pushes().await(Msg.class, m -> m.conv().equals(conv)
                    && m.from().type() == PartyType.SYSTEM);
            assertThat(welcome.replyBy()).as("a system message starts no clock").isNull();
            Msg buyersCopy = buyer.pushes().await(Msg.class, m -> m.conv().equals(conv)
                    && m.from().type() == PartyType.BUYER);
            assertThat(buyersCopy.replyBy()).as("only the agent's copy has it").isNull();

            server.advance(Duration.ofSeconds(30));
            join(buyer.session().sendText(conv, "still there?"));
            Msg second = agent.pushes().await(Msg.class, m -> m.conv().equals(conv) && m.seq() > hi.seq()
                    && m.from().type() == PartyType.BUYER);
            assertThat(second.ts()).isEqualTo(hi.ts() + 30_000);
            assertThat(second.replyBy()).as("the oldest unanswered message sets the mark").isEqualTo(hi.ts() + 180_000);

            server.advance(Duration.ofSeconds(10));
            join(agent.session().sendText(conv, "yes, here"));
            Msg answer = agent.pushes().await(Msg.class, m -> m.conv().equals(conv)
                    && m.from().type() == PartyType.AGENT);
            assertThat(answer.replyBy()).isNull();

            server.advance(Duration.ofSeconds(20));
            join(buyer.session().sendText(conv, "one more"));
            Msg third = agent.pushes().await(Msg.class, m -> m.conv().equals(conv) && m.seq() > answer.seq()
                    && m.from().type() == PartyType.BUYER);
            assertThat(third.ts()).isEqualTo(hi.ts() + 60_000);
            assertThat(third.replyBy()).as("the answer stopped the clock; this message starts it again")
                    .isEqualTo(third.ts() + 180_000);
        }
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void aConnectedSupervisorIsPushedTheLivePictureWhenItChangesAtMostOnceAnInterval(Encoding encoding) {
        ShopFixture shop = shopWithoutReplyTimers();
        try (TestClients clients = new TestClients(server, encoding)) {
            Agent supervisor = clients.agent(shop.supervisor(), false);
            Agent agent = clients.agent(shop.agent1(), true);
            server.advance(Duration.ofSeconds(5));
            Live first = supervisor.pushes().await(Live.class);
            assertThat(first.conversations()).isZero();
            assertThat(first.agentsOnline()).isEqualTo(1);
            assertThat(first.oldestWaitingTs()).isNull();

            Buyer buyer = clients.buyer("buyer-" + UUID.randomUUID());
            String conv = join(buyer.session().open(shop.shopId(), null, "hi")).conv();
            agent.pushes().await(ConvAssigned.class, a -> a.conv().equals(conv));
            long wroteAt = server.clock().millis();
            server.advance(Duration.ofSeconds(5));
            Live waiting = supervisor.pushes().await(Live.class);
            assertThat(waiting.ts()).isEqualTo(wroteAt + 5_000);
            assertThat(waiting.conversations()).isEqualTo(1);
            assertThat(waiting.queued()).isZero();
            assertThat(waiting.waiting()).isEqualTo(1);
            assertThat(waiting.oldestWaitingTs()).isEqualTo(wroteAt);
            assertThat(waiting.chats()).isEqualTo(1);

            server.advance(Duration.ofSeconds(5)); // only the wait grew: no push
            join(buyer.session().sendText(conv, "hello?")); // still the same buyer waiting: no change either
            server.advance(Duration.ofSeconds(5));
            join(agent.session().sendText(conv, "here"));
            server.advance(Duration.ofSeconds(5));
            Live answered = supervisor.pushes().await(Live.class);
            assertThat(answered.ts()).isEqualTo(wroteAt + 20_000);
            assertThat(answered.waiting()).isZero();
            assertThat(answered.oldestWaitingTs()).isNull();
            assertThat(answered.chats()).isEqualTo(1);
            assertThat(supervisor.pushes().all(Live.class)).as("one push per change, none for the ticks between")
                    .hasSize(3);
            assertThat(agent.pushes().all(Live.class)).as("agents get no live pushes").isEmpty();
        }
    }

    @Test
    void anAgentWhoGetsAWaitingBuyerIsToldTheMarkInConvAssignedAndAgainInTheHelloAnswer() {
        ShopFixture shop = shopWithoutReplyTimers();
        try (TestClients clients = new TestClients(server, Encoding.BINARY)) {
            Agent agent = clients.agent(shop.agent1(), false);
            Buyer buyer = clients.buyer("buyer-" + UUID.randomUUID());
            long wroteAt = server.clock().millis();
            String conv = join(buyer.session().open(shop.shopId(), null, "anyone?")).conv(); // queued: nobody online
            server.advance(Duration.ofSeconds(40));
            join(agent.session().status(AgentStatus.ONLINE));
            ConvAssigned assigned = agent.pushes().await(ConvAssigned.class, a -> a.conv().equals(conv));
            assertThat(assigned.replyBy()).as("the buyer has waited 40 s already").isEqualTo(wroteAt + 180_000);

            Agent again = clients.agent(shop.agent1(), false);
            ConvSummary summary = again.hello().conversations().stream().filter(c -> c.conv().equals(conv))
                    .findFirst().orElseThrow();
            assertThat(summary.replyBy()).isEqualTo(wroteAt + 180_000);
            join(again.session().sendText(conv, "sorry for the wait"));
            Agent third = clients.agent(shop.agent1(), false);
            assertThat(third.hello().conversations()).filteredOn(c -> c.conv().equals(conv)).singleElement()
                    .satisfies(c -> assertThat(c.replyBy()).as("answered: no countdown").isNull());
        }
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void theAgentAWaitingBuyerIsTransferredToFindsTheMarkInTheirConvTransferred(Encoding encoding) {
        ShopFixture shop = shopWithoutReplyTimers();
        try (TestClients clients = new TestClients(server, encoding)) {
            Agent agent1 = clients.agent(shop.agent1(), true);
            Buyer buyer = clients.buyer("buyer-" + UUID.randomUUID());
            String conv = join(buyer.session().open(shop.shopId(), null, null)).conv();
            agent1.pushes().await(ConvAssigned.class, a -> a.conv().equals(conv));
            Agent agent2 = clients.agent(shop.agent2(), true);
            server.advance(Duration.ofSeconds(10));
            long wroteAt = join(buyer.session().sendText(conv, "where is my parcel?")).ts();
            server.advance(Duration.ofSeconds(50));

            join(agent1.session().transfer(conv, shop.agent2().id(), null, "logistics question"));

            ConvTransferred toNew = agent2.pushes().await(ConvTransferred.class, t -> t.conv().equals(conv));
            assertThat(toNew.replyBy()).as("the buyer's clock runs on across the transfer")
                    .isEqualTo(wroteAt + 180_000);
            ConvTransferred toOld = agent1.pushes().await(ConvTransferred.class, t -> t.conv().equals(conv));
            assertThat(toOld.replyBy()).as("only the new agent counts down").isNull();
            assertThat(buyer.pushes().await(ConvTransferred.class, t -> t.conv().equals(conv)).replyBy()).isNull();
        }
    }
}
