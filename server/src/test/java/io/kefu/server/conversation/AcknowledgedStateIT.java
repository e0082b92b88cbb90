package io.kefu.server.conversation;

import static io.kefu.server.TestClients.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.kefu.client.Encoding;
import io.kefu.client.KefuClientException;
import io.kefu.protocol.Body;
import io.kefu.protocol.ConvAssigned;
import io.kefu.protocol.ConvState;
import io.kefu.protocol.ErrorCode;
import io.kefu.protocol.OkResult.SendResult;
import io.kefu.server.TestClients;
import io.kefu.server.TestClients.Agent;
import io.kefu.server.TestClients.Buyer;
import io.kefu.server.TestServer;
import io.kefu.server.TestServer.ShopFixture;
import io.kefu.server.store.ConversationRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What an {@code ok} promises, checked against the store the moment it arrives (issue: acknowledged state
 * changes were written behind the answer and lost in a crash), and fields that could fail a database write
 * refused on their own without failing their neighbours.
 */
@Timeout(120)
class AcknowledgedStateIT {
    @RegisterExtension
    static final TestServer server = TestServer.h2(b -> b.ratePerSec(10_000).rateBurst(10_000));

    private static ConversationRecord stored(String conv) {
        return server.server().services().conversations().find(conv).orElseThrow();
    }

    private static boolean assignedTo(Agent agent, String conv) {
        return agent.pushes().all(ConvAssigned.class).stream().anyMatch(a -> a.conv().equals(conv));
    }

    private static KefuClientException failure(CompletableFuture<?> f) {
        CompletionException e = catchThrowableOfType(f::join, CompletionException.class);
        assertThat(e).as("the request should have failed").isNotNull();
        return (KefuClientException) e.getCause();
    }

    @Test
    void transferCloseAndRatingAreInTheStoreWhenTheirOkArrives() {
        ShopFixture shop = server.newShop();
        try (TestClients clients = new TestClients(server, Encoding.BINARY)) {
            Agent first = clients.agent(shop.agent1(), true);
            Agent second = clients.agent(shop.agent2(), true);
            for (int i = 0; i < 10; i++) {
                Buyer buyer = clients.buyer("buyer-" + UUID.randomUUID());
                String conv = join(buyer.session().open(shop.shopId(), null, "在吗 " + i)).conv();
                org.awaitility.Awaitility.await().until(() -> assignedTo(first, conv) || assignedTo(second, conv));
                Agent from = assignedTo(first, conv) ? first : second;
                Agent to = from == first ? second : first;
                String toId = to == first ? shop.agent1().id() : shop.agent2().id();

                join(from.session().transfer(conv, toId, null, "请跟进"));
                assertThat(stored(conv).agentId()).as("transfer %d", i).isEqualTo(toId);

                join(to.session().close(conv, "resolved"));
                assertThat(stored(conv).state()).as("close %d", i).isEqualTo(ConvState.CLOSED);

                join(buyer.session().rate(conv, 4, "不错"));
                assertThat(stored(conv).rating()).as("rating %d", i).isEqualTo(4);
            }
        }
    }

    @Test
    void aBadFieldIsRefusedOnItsOwnAndItsNeighboursGoThrough() {
        ShopFixture shop = server.newShop();
        try (TestClients clients = new TestClients(server, Encoding.JSON)) {
            Agent agent = clients.agent(shop.agent1(), true);
            Buyer buyer = clients.buyer("buyer-" + UUID.randomUUID());
            String conv = join(buyer.session().open(shop.shopId(), null, "你好")).conv();
            agent.pushes().await(ConvAssigned.class, a -> a.conv().equals(conv));

            List<CompletableFuture<SendResult>> neighbours = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                neighbours.add(buyer.session().send(conv, "text", Body.text("消息 " + i), "ok-" + i));
            }
            CompletableFuture<SendResult> tooLong = buyer.session().send(conv, "text", Body.text("x"), "c".repeat(200));
            CompletableFuture<SendResult> nul = buyer.session().send(conv, "text", Body.text("x"), "bad\0cmid");

            KefuClientException longCmid = failure(tooLong);
            KefuClientException nulCmid = failure(nul);
            assertThat(longCmid.code()).isEqualTo(ErrorCode.BAD_FRAME);
            assertThat(longCmid.getMessage()).contains("send.cmid").contains("128");
            assertThat(nulCmid.code()).isEqualTo(ErrorCode.BAD_FRAME);
            assertThat(nulCmid.getMessage()).contains("send.cmid");
            for (CompletableFuture<SendResult> n : neighbours) {
                assertThat(join(n).seq()).isPositive();
            }

            join(agent.session().close(conv, "done"));
            KefuClientException longComment = failure(buyer.session().rate(conv, 5, "好".repeat(1_001)));
            assertThat(longComment.code()).isEqualTo(ErrorCode.BAD_FRAME);
            assertThat(longComment.getMessage()).contains("rate.comment");
            join(buyer.session().rate(conv, 5, "好".repeat(1_000))); // not marked rated by the refused one
            assertThat(stored(conv).rating()).isEqualTo(5);
        }
    }

    @Test
    void aRetryOfAMessageOlderThanTheRoutersMemoryGetsItsFirstAnswer() {
        ShopFixture shop = server.newShop();
        try (TestClients clients = new TestClients(server, Encoding.BINARY)) {
            Agent agent = clients.agent(shop.agent1(), true);
            Buyer buyer = clients.buyer("buyer-" + UUID.randomUUID());
            String conv = join(buyer.session().open(shop.shopId(), null, null)).conv();
            agent.pushes().await(ConvAssigned.class, a -> a.conv().equals(conv));

            SendResult first = join(buyer.session().send(conv, "text", Body.text("第一条"), "first"));
            List<CompletableFuture<SendResult>> more = new ArrayList<>();
            for (int i = 0; i < 1_100; i++) {
                more.add(buyer.session().send(conv, "text", Body.text("更多 " + i), "more-" + i));
            }
            more.forEach(TestClients::join);

            SendResult retried = join(buyer.session().send(conv, "text", Body.text("第一条"), "first"));
            SendResult next = join(buyer.session().send(conv, "text", Body.text("之后"), "after"));

            assertThat(retried.seq()).isEqualTo(first.seq());
            assertThat(retried.ts()).isEqualTo(first.ts());
            // nothing stored twice, no gap
            assertThat(next.seq()).isEqualTo(first.seq() + 1_101);
            List<io.kefu.protocol.Msg> tail = join(agent.session().history(conv, null, 5)).messages();
            assertThat(tail).extracting(io.kefu.protocol.Msg::seq)
                    .containsExactly(next.seq() - 4, next.seq() - 3, next.seq() - 2, next.seq() - 1, next.seq());
        }
    }
}
