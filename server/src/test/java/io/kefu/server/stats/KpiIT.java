package io.kefu.server.stats;

import static io.kefu.server.TestClients.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kefu.client.Encoding;
import io.kefu.protocol.AgentStatus;
import io.kefu.protocol.ConvAssigned;
import io.kefu.protocol.ConvState;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The KPIs of contract §11 kept from real traffic on a clock the test moves, checked against values worked out by
 * hand: answers in time and late, a transfer, a conversation closed unanswered, a bot phase and its hand-off, a
 * message after 23:00, a blocked message, a rating; every cut of the report, CSV, an agent's own row, the live view
 * and the operator metrics.
 */
@Timeout(60)
class KpiIT {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** 22:50 in Shanghai: the platform's daytime ends ten minutes in. */
    private static final Instant START = LocalDateTime.parse("2026-12-01T22:50").atZone(SHANGHAI).toInstant();

    @RegisterExtension
    static final TestServer server = TestServer.h2WithManualTime(START, b -> b);

    private static void advanceTo(long sec) {
        long now = server.clock().millis();
        long target = START.toEpochMilli() + sec * 1000;
        assertThat(target).isGreaterThanOrEqualTo(now);
        server.advance(Duration.ofMillis(target - now));
    }

    private static JsonNode get(String path, String bearer) {
        HttpResponse<String> r = server.request("GET", path, bearer, null);
        assertThat(r.statusCode()).as("GET " + path + ": " + r.body()).isEqualTo(200);
        return TestServer.parse(r.body());
    }

    private static String stats(ShopFixture shop, String by) {
        return "/api/v1/shops/" + shop.shopId() + "/stats?from=" + (START.toEpochMilli() - 3_600_000) + "&to="
                + (START.toEpochMilli() + 3_600_000) + "&by=" + by;
    }

    @Test
    void everyFigureFromAScriptedDayOfConversations() {
        ShopFixture shop = server.newShop();
        HttpResponse<String> put = server.request("PUT", "/api/v1/shops/" + shop.shopId() + "/routing",
                TestServer.ADMIN_KEY, TestServer.parse("{\"noAnswerSec\":0,\"idleCloseSec\":0}"));
        assertThat(put.statusCode()).isEqualTo(200);
        try (TestClients clients = new TestClients(server, Encoding.JSON)) {
            Agent agent1 = clients.agent(shop.agent1(), true);
            // X: answered in 20 s (first response), a blocked reply, a 210 s wait (a miss), transferred, 40 s
            Buyer x = clients.buyer("buyer-" + UUID.randomUUID());
            String convX = join(x.session().open(shop.shopId(), null, "hi")).conv();
            agent1.pushes().await(ConvAssigned.class, a -> a.conv().equals(convX));
            advanceTo(20);
            join(agent1.session().sendText(convX, "hello"));
            advanceTo(25);
            assertThatThrownBy(() -> join(agent1.session().sendText(convX, "加我微信 ab123489"))).isNotNull();
            advanceTo(30);
            join(x.session().sendText(convX, "q2"));
            advanceTo(100);
            JsonNode live = get("/api/v1/shops/" + shop.shopId() + "/live", shop.supervisor().token());
            JsonNode liveX = live.path("conversations").get(0);
            assertThat(liveX.path("conv").asText()).isEqualTo(convX);
            assertThat(liveX.path("state").asText()).isEqualTo("assigned");
            assertThat(liveX.path("agent").asText()).isEqualTo(shop.agent1().id());
            assertThat(liveX.path("waitingSinceTs").asLong()).isEqualTo(START.toEpochMilli() + 30_000);
            assertThat(liveX.path("unansweredSec").asLong()).isEqualTo(70);
            assertThat(agentRow(live, shop.agent1().id()).path("unanswered").asInt()).isEqualTo(1);
            assertThat(agentRow(live, shop.agent1().id()).path("active").asInt()).isEqualTo(1);
            advanceTo(211);
            await().untilAsserted(() -> assertThat(metric("kefu_kpi_reply_breaches_total")).isEqualTo(1));
            assertThat(metric("kefu_kpi_buyers_waiting")).isEqualTo(1);
            advanceTo(240);
            join(agent1.session().sendText(convX, "sorry"));
            Agent agent2 = clients.agent(shop.agent2(), true);
            join(agent1.session().transfer(convX, shop.agent2().id(), null, "over to you"));
            advanceTo(250);
            join(x.session().sendText(convX, "q3"));
            advanceTo(290);
            join(agent2.session().sendText(convX, "answer"));
            advanceTo(300);
            join(agent2.session().close(convX, "resolved"));
            join(x.session().rate(convX, 4, "ok"));
            // Y: closed 60 s after its only message, unanswered
            join(agent2.session().status(AgentStatus.AWAY));
            Buyer y = clients.buyer("buyer-" + UUID.randomUUID());
            String convY = join(y.session().open(shop.shopId(), null, "help")).conv();
            agent1.pushes().await(ConvAssigned.class, a -> a.conv().equals(convY));
            advanceTo(360);
            join(agent1.session().close(convY, "closed"));
            // Z: with the bot, handed off at 370 s, answered 15 s later; a message after 23:00 answered in 10 s
            server.request("PUT", "/api/v1/shops/" + shop.shopId() + "/bot", TestServer.ADMIN_KEY,
                    TestServer.parse("{\"enabled\":true}"));
            Buyer z = clients.buyer("buyer-" + UUID.randomUUID());
            var openedZ = join(z.session().open(shop.shopId(), null, null));
            assertThat(openedZ.state()).isEqualTo(ConvState.BOT);
            String convZ = openedZ.conv();
            advanceTo(370);
            join(z.session().human(convZ));
            agent1.pushes().await(ConvAssigned.class, a -> a.conv().equals(convZ));
            advanceTo(385);
            join(agent1.session().sendText(convZ, "hi, a person here"));
            advanceTo(610);
            join(z.session().sendText(convZ, "night q"));
            advanceTo(620);
            join(agent1.session().sendText(convZ, "night answer"));
            advanceTo(630);
            join(agent1.session().close(convZ, "resolved"));
            await().untilAsserted(() -> assertThat(metric("kefu_kpi_buyers_waiting")).isZero());

            JsonNode shopRow = get(stats(shop, "shop"), TestServer.ADMIN_KEY).path("rows").get(0);
            assertThat(shopRow.path("key").asText()).isEqualTo(shop.shopId());
            assertThat(shopRow.path("conversations").asLong()).isEqualTo(3);
            assertThat(shopRow.path("buyerMessages").asLong()).isEqualTo(5); // hi, q2, q3, help, night q
            assertThat(shopRow.path("firstResponseSecAvg").asDouble()).isEqualTo(17.5); // X 20 s, Z 15 s
            assertThat(shopRow.path("responseSecAvg").asDouble()).isEqualTo(59.0); // 20, 210, 40, 15, 10
            assertThat(shopRow.path("replyRate3m").asDouble()).isEqualTo(0.6667); // 4 of 6 (Z's hand-off counts)
            assertThat(shopRow.path("replyRate3mDaytime").asDouble()).isEqualTo(0.6); // 3 of 5 before 23:00
            assertThat(shopRow.path("answerRate30s").asDouble()).isEqualTo(0.6667); // X, Z of X, Y, Z
            assertThat(shopRow.path("unanswered").asLong()).isEqualTo(1);
            assertThat(shopRow.path("transfers").asLong()).isEqualTo(1);
            assertThat(shopRow.path("transferRate").asDouble()).isEqualTo(0.3333);
            assertThat(shopRow.path("queueWaitSecP50").asDouble()).isBetween(0.0, 5.0); // X, Y, Z waited 0 s
            assertThat(shopRow.path("ratings").asLong()).isEqualTo(1);
            assertThat(shopRow.path("ratingAvg").asDouble()).isEqualTo(4.0);
            assertThat(shopRow.path("lowRatings").asLong()).isZero();
            assertThat(shopRow.path("aftersales").asLong()).isZero();
            assertThat(shopRow.path("botResolved").asLong()).isZero();
            assertThat(shopRow.path("blocked").asLong()).isEqualTo(1);

            JsonNode byAgent = get(stats(shop, "agent"), TestServer.ADMIN_KEY).path("rows");
            JsonNode a1 = keyed(byAgent, shop.agent1().id());
            JsonNode a2 = keyed(byAgent, shop.agent2().id());
            assertThat(a1.path("conversations").asLong()).isEqualTo(3); // X, Y, Z received
            assertThat(a2.path("conversations").asLong()).isEqualTo(1); // X by transfer
            assertThat(a1.path("transfers").asLong()).isEqualTo(1);
            assertThat(a2.path("replyRate3m").asDouble()).isEqualTo(1.0); // q3, answered by agent2 in 40 s
            assertThat(a2.path("ratingAvg").asDouble()).isEqualTo(4.0);
            assertThat(a1.path("replyRate3m").asDouble()).isEqualTo(0.6); // hi, Z's two of hi, q2, help, Z's two

            JsonNode byHour = get(stats(shop, "hour"), TestServer.ADMIN_KEY).path("rows");
            assertThat(byHour).extracting(n -> n.path("key").asText())
                    .containsExactly("2026-12-01T22:00:00+08:00", "2026-12-01T23:00:00+08:00");
            assertThat(byHour.get(1).path("replyRate3m").asDouble()).isEqualTo(1.0);
            assertThat(byHour.get(1).path("replyRate3mDaytime").isNull()).isTrue();
            JsonNode byDay = get(stats(shop, "day"), TestServer.ADMIN_KEY).path("rows");
            assertThat(byDay).extracting(n -> n.path("key").asText()).containsExactly("2026-12-01");
            JsonNode byGroup = get(stats(shop, "group"), TestServer.ADMIN_KEY).path("rows");
            assertThat(byGroup).extracting(n -> n.path("key").asText()).containsExactly(shop.preSales());

            // an agent sees their own row only, whatever the cut
            JsonNode own = get(stats(shop, "shop"), shop.agent2().token()).path("rows");
            assertThat(own).hasSize(1);
            assertThat(own.get(0).path("key").asText()).isEqualTo(shop.agent2().id());
            assertThat(own.get(0).path("conversations").asLong()).isEqualTo(1);
            HttpResponse<String> agentLive = server.request("GET", "/api/v1/shops/" + shop.shopId() + "/live",
                    shop.agent2().token(), null);
            assertThat(agentLive.statusCode()).isEqualTo(403);

            HttpResponse<String> csv = server.request("GET", stats(shop, "shop") + "&format=csv", TestServer.ADMIN_KEY,
                    null);
            assertThat(csv.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).contains("text/csv"));
            List<String> lines = new ArrayList<>(List.of(csv.body().split("\r\n")));
            assertThat(lines.get(0)).startsWith("key,conversations,buyerMessages,firstResponseSecAvg,");
            assertThat(lines.get(1)).startsWith(shop.shopId() + ",3,5,17.5,59.0,0.6667,0.6,");
        }
    }

    @Test
    void badQueriesAreRefusedNamingTheParameter() {
        ShopFixture shop = server.newShop();
        String base = "/api/v1/shops/" + shop.shopId() + "/stats";
        for (String[] c : new String[][]{{"?by=week", "'by'"}, {"?format=xml", "'format'"}, {"?from=yesterday", "'from'"},
                {"?from=2026-12-02&to=2026-12-01", "'from'"}, {"?from=2024-01-01&to=2026-12-01", "400 days"}}) {
            HttpResponse<String> r = server.request("GET", base + c[0], TestServer.ADMIN_KEY, null);
            assertThat(r.statusCode()).as(c[0]).isEqualTo(400);
            assertThat(r.body()).as(c[0]).contains(c[1]);
        }
        HttpResponse<String> buyer = server.request("GET", base, server.buyerToken("b-" + UUID.randomUUID()), null);
        assertThat(buyer.statusCode()).isEqualTo(403);
    }

    private static JsonNode agentRow(JsonNode live, String id) {
        for (JsonNode a : live.path("agents")) {
            if (a.path("id").asText().equals(id)) {
                return a;
            }
        }
        throw new AssertionError("no agent " + id + " in " + live);
    }

    private static JsonNode keyed(JsonNode rows, String key) {
        for (JsonNode r : rows) {
            if (r.path("key").asText().equals(key)) {
                return r;
            }
        }
        throw new AssertionError("no row " + key + " in " + rows);
    }

    private static double metric(String name) {
        return Scrape.parse(server.request("GET", "/metrics", null, null).body()).value(name);
    }
}
