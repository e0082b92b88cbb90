package io.kefu.client.example;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kefu.client.Encoding;
import io.kefu.protocol.ConvAssigned;
import io.kefu.protocol.Msg;
import io.kefu.server.TestClients;
import io.kefu.server.TestClients.Agent;
import io.kefu.server.TestServer;
import io.kefu.server.TestServer.ShopFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs the README's SDK example ({@link BuyerExample}, from client-sdk's test jar) against a real server:
 * the conversation it opens reaches an online agent with both of its messages, and the example's listener
 * printed the messages as the server pushed them back. Lives in the server module, beside the example's
 * package name, because it needs {@link TestServer}.
 */
@Timeout(60)
class BuyerExampleIT {
    @RegisterExtension
    static final TestServer server = TestServer.h2();

    @Test
    void readmeExampleOpensAConversationThatAnAgentReceives() throws Exception {
        // given: a shop with an online agent, and a buyer token
        ShopFixture shop = server.newShop();
        String buyerToken = server.buyerToken("readme-buyer");
        try (TestClients clients = new TestClients(server, Encoding.JSON)) {
            Agent agent = clients.agent(shop.agent1(), true);
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            PrintStream stdout = System.out;
            System.setOut(new PrintStream(printed, true, UTF_8));
            try {
                // when
                BuyerExample.main(new String[] {server.wsUri().toString(), buyerToken, shop.shopId()});

                // then
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                        assertThat(printed.toString(UTF_8)).contains("在吗？", "这件有 XL 吗？"));
            } finally {
                System.setOut(stdout);
            }
            ConvAssigned assigned = agent.pushes().await(ConvAssigned.class);
            assertThat(assigned.buyer().id()).isEqualTo("readme-buyer");
            assertThat(assigned.entry().type()).isEqualTo("product");
            agent.pushes().await(Msg.class, m -> m.seq() == 2);
            assertThat(agent.pushes().all(Msg.class))
                    .filteredOn(m -> m.conv().equals(assigned.conv()))
                    .extracting(m -> m.body().text())
                    .containsExactly("在吗？", "这件有 XL 吗？");
        }
    }
}
