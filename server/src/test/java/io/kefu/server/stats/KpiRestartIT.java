package io.kefu.server.stats;

import static io.kefu.server.TestClients.join;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kefu.client.Encoding;
import io.kefu.protocol.ConvAssigned;
import io.kefu.protocol.ConvState;
import io.kefu.protocol.ConvSummary;
import io.kefu.server.TestClients;
import io.kefu.server.TestClients.Agent;
import io.kefu.server.TestClients.Buyer;
import io.kefu.server.TestServer;
import io.kefu.server.TestServer.ShopFixture;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The 3-minute clocks survive a restart on the same database: buyers waiting for a person when the server stopped
 * are answered against the time they wrote, worked out by hand; the live view and the agent's countdown show the
 * original mark; what was counted before the stop is not counted again.
 */
@Timeout(90)
class KpiRestartIT {
    /** 10:00 in Shanghai: daytime. */
    private static final Instant START = LocalDateTime.parse("2026-12-01T10:00").atZone(ZoneId.of("Asia/Shanghai"))
            .toInstant();

    @Test
    void aBuyerWaitingWhenTheServerRestartsIsAnsweredAgainstTheTimeTheyWrote(@TempDir Path dir) {
        TestServer server = TestServer.h2FileWithManualTime(dir, START);
        server.start();
        ShopFixture shop;
        String x;
        String y;
        try (TestClients clients = new TestClients(server, Encoding.JSON)) {
            shop = server.newShop();
            HttpResponse<String> put = server.request("PUT", "/api/v1/shops/" + shop.shopId() + "/routing",
                    TestServer.ADMIN_KEY, TestServer.parse("{\"noAnswerSec\":0,\"idleCloseSec\":0,\"graceSec\":3600}"));
            assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
            Agent agent = clients.agent(shop.agent1(), true);
            // X writes at 0 s and 20 s; Y opens at 0 s and writes at 30 s; nobody answers before the restart at 60 s
            Buyer bx = clients.buyer("kr-x");
            x = join(bx.session().open(shop.shopId(), null, "hi")).conv();
            String convX = x;
            agent.pushes().await(ConvAssigned.class, a -> a.conv().equals(convX));
            Buyer by = clients.buyer("kr-y");
            y = join(by.session().open(shop.shopId(), null, null)).conv();
            String convY = y;
            agent.pushes().await(ConvAssigned.class, a -> a.conv().equals(convY));
            advanceTo(server, 20);
            join(bx.session().sendText(x, "anyone?"));
            advanceTo(server, 30);
            join(by.session().sendText(y, "hello?"));
            advanceTo(server, 60);
            for (String conv : new String[] {x, y}) { // assignments are written behind the router
                Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                        server.server().services().conversations().find(conv).orElseThrow().state()
                                == ConvState.ASSIGNED);
            }
        } finally {
            server.stop();
        }

        server.start();
        try (TestClients clients = new TestClients(server, Encoding.JSON)) {
            Agent agent = clients.agent(shop.agent1(), true);
            assertThat(agent.hello().conversations()).extracting(ConvSummary::conv, ConvSummary::replyBy)
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(x, at(180)),
                            org.assertj.core.groups.Tuple.tuple(y, at(210)));
            JsonNode live = TestServer.parse(server.request("GET", "/api/v1/shops/" + shop.shopId() + "/live",
                    shop.supervisor().token(), null).body());
            for (JsonNode c : live.path("conversations")) {
                assertThat(c.path("waitingSinceTs").asLong()).as(c.toString())
                        .isEqualTo(c.path("conv").asText().equals(x) ? at(0) : at(30));
            }

            advanceTo(server, 100);
            join(agent.session().sendText(x, "sorry for the wait")); // 100 s after "hi", 80 s after "anyone?"
            advanceTo(server, 250);
            join(agent.session().sendText(y, "here now")); // 220 s after "hello?": late

            JsonNode row = TestServer.parse(server.request("GET", "/api/v1/shops/" + shop.shopId() + "/stats?from="
                    + at(-3600) + "&to=" + at(3600) + "&by=shop", TestServer.ADMIN_KEY, null).body())
                    .path("rows").get(0);
            assertThat(row.path("conversations").asLong()).isEqualTo(2);
            assertThat(row.path("buyerMessages").asLong()).as("counted once, before the restart").isEqualTo(3);
            assertThat(row.path("replyRate3m").asDouble()).as("hi and anyone? in time, hello? late")
                    .isEqualTo(0.6667);
            assertThat(row.path("responseSecAvg").asDouble()).as("rounds of 100 s and 220 s").isEqualTo(160.0);
            assertThat(row.path("firstResponseSecAvg").asDouble()).as("first responses 100 s, 220 s")
                    .isEqualTo(160.0);
            assertThat(row.path("answerRate30s").asDouble()).isZero();
            assertThat(row.path("unanswered").asLong()).isZero();
        } finally {
            server.stop();
        }
    }

    private static long at(long sec) {
        return START.toEpochMilli() + sec * 1000;
    }

    private static void advanceTo(TestServer server, long sec) {
        server.advance(Duration.ofMillis(at(sec) - server.clock().millis()));
    }
}
