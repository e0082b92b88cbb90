package io.kefu.server.conversation;

import static io.kefu.server.TestClients.join;
import static org.assertj.core.api.Assertions.assertThat;

import io.kefu.client.Encoding;
import io.kefu.protocol.Body;
import io.kefu.protocol.ConvAssigned;
import io.kefu.protocol.ConvQueued;
import io.kefu.protocol.ConvState;
import io.kefu.protocol.Msg;
import io.kefu.protocol.OkResult.SendResult;
import io.kefu.server.TestClients;
import io.kefu.server.TestClients.Agent;
import io.kefu.server.TestClients.Buyer;
import io.kefu.server.TestServer;
import io.kefu.server.TestServer.ShopFixture;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What was acknowledged survives a restart: messages, a cmid retry's answer, the next seq, who holds
 * which conversation, and the queue.
 */
@Timeout(90)
class RestartIT {

    @Test
    void acknowledgedStateSurvivesARestart(@TempDir Path dir) {
        TestServer server = TestServer.h2File(dir);
        server.start();
        ShopFixture shop;
        String conv;
        String queuedConv;
        SendResult acked;
        try (TestClients clients = new TestClients(server, Encoding.BINARY)) {
            shop = server.newShop();
            Agent agent = clients.agent(shop.agent1(), true);
            Buyer buyer = clients.buyer("restart-buyer");
            conv = join(buyer.session().open(shop.shopId(), null, "first")).conv();
            agent.pushes().await(ConvAssigned.class);
            join(agent.session().sendText(conv, "second"));
            acked = join(buyer.session().send(conv, "text", Body.text("third"), "cmid-third"));
            Buyer other = clients.buyer("restart-other");
            join(other.session().open(shop.shopId(), null, null));
            agent.pushes().await(ConvAssigned.class);
            Buyer waiting = clients.buyer("restart-waiting");
            queuedConv = join(waiting.session().open(shop.shopId(), null, "still waiting")).conv();
            waiting.pushes().await(ConvQueued.class);
        } finally {
            server.stop();
        }

        server.start();
        try (TestClients clients = new TestClients(server, Encoding.JSON)) {
            Buyer buyer = clients.buyer("restart-buyer");
            assertThat(buyer.hello().conversations()).singleElement().satisfies(c -> {
                assertThat(c.conv()).isEqualTo(conv);
                assertThat(c.state()).isEqualTo(ConvState.ASSIGNED);
                assertThat(c.lastSeq()).isEqualTo(3);
            });
            SendResult retried = join(buyer.session().send(conv, "text", Body.text("third"), "cmid-third"));
            assertThat(retried).isEqualTo(acked);
            assertThat(join(buyer.session().sendText(conv, "fourth")).seq()).isEqualTo(4);
            assertThat(join(buyer.session().sync(conv, 0)).messages()).extracting(Msg::seq)
                    .containsExactly(1L, 2L, 3L, 4L);

            Agent agent = clients.agent(shop.agent1(), true);
            assertThat(agent.hello().conversations()).extracting(c -> c.conv()).contains(conv);
            join(agent.session().close(conv, "done"));
            assertThat(agent.pushes().await(ConvAssigned.class).conv()).isEqualTo(queuedConv);
        } finally {
            server.stop();
        }
    }
}
