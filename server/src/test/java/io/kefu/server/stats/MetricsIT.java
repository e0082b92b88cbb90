package io.kefu.server.stats;

import static io.kefu.server.TestClients.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kefu.client.Encoding;
import io.kefu.protocol.AgentStatus;
import io.kefu.protocol.ConvAssigned;
import io.kefu.protocol.ConvClosed;
import io.kefu.protocol.Msg;
import io.kefu.server.RawWs;
import io.kefu.server.TestClients;
import io.kefu.server.TestClients.Agent;
import io.kefu.server.TestClients.Buyer;
import io.kefu.server.TestServer;
import io.kefu.server.TestServer.ShopFixture;
import io.kefu.server.auth.LoginThrottle;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The meters behind {@code /metrics} moved by real traffic: each test reads the scrape before and after
 * and checks the difference its own traffic made (the server is shared by the class; tests run one at a
 * time).
 */
@Timeout(60)
class MetricsIT {
    @RegisterExtension
    static final TestServer server = TestServer.h2();

    private static final String OPEN = "kefu_conversations_open";
    private static final String WAIT_COUNT = "kefu_queue_wait_seconds_count";
    private static final String CLOSED = "kefu_conversations_closed_total";
    private static final String STORED = "kefu_messages_stored_total";
    private static final String LOGINS = "kefu_auth_logins_total";

    static Scrape scrape(TestServer server) {
        HttpResponse<String> res = server.request("GET", "/metrics", null, null);
        assertThat(res.statusCode()).isEqualTo(200);
        return Scrape.parse(res.body());
    }

    private static Scrape scrape() {
        return scrape(server);
    }

    private static String buyerId() {
        return "buyer-" + UUID.randomUUID();
    }

    @Test
    void aConversationMovesTheStateGaugesAndItsWaitMessagesCloseAndRatingAreCounted() {
        ShopFixture shop = server.newShop();
        try (TestClients clients = new TestClients(server, Encoding.JSON)) {
            Agent agent = clients.agent(shop.agent1(), false);
            Buyer buyer = clients.buyer(buyerId());
            Scrape before = scrape();

            // given nobody online, when the buyer opens: queued, with the first message stored
            String conv = join(buyer.session().open(shop.shopId(), null, "在吗？")).conv();
            await().untilAsserted(() -> {
                Scrape now = scrape();
                assertThat(delta(before, now, OPEN, "state", "queued")).isEqualTo(1);
                assertThat(delta(before, now, OPEN, "state", "assigned")).isZero();
                assertThat(delta(before, now, "kefu_conversations_opened_total")).isEqualTo(1);
                assertThat(delta(before, now, STORED, "sender", "buyer")).isEqualTo(1);
            });

            // when the agent comes online, the conversation leaves the queue for them
            join(agent.session().status(AgentStatus.ONLINE));
            agent.pushes().await(ConvAssigned.class);
            await().untilAsserted(() -> {
                Scrape now = scrape();
                assertThat(delta(before, now, OPEN, "state", "queued")).isZero();
                assertThat(delta(before, now, OPEN, "state", "assigned")).isEqualTo(1);
                assertThat(delta(before, now, WAIT_COUNT, "outcome", "assigned")).isEqualTo(1);
            });

            // an answer, a close and a rating
            join(agent.session().sendText(conv, "在的"));
            buyer.pushes().await(Msg.class, m -> m.body().text().equals("在的"));
            join(agent.session().close(conv, "resolved"));
            buyer.pushes().await(ConvClosed.class);
            join(buyer.session().rate(conv, 4, null));
            await().untilAsserted(() -> {
                Scrape now = scrape();
                assertThat(delta(before, now, STORED, "sender", "agent")).isEqualTo(1);
                assertThat(delta(before, now, OPEN, "state", "assigned")).isZero();
                assertThat(delta(before, now, CLOSED, "reason", "resolved")).isEqualTo(1);
                assertThat(delta(before, now, "kefu_ratings_total", "score", "4")).isEqualTo(1);
                assertThat(delta(before, now, "kefu_ratings_total", "score", "5")).isZero();
                // the first message, sent while queued, reached only the buyer; the answer reached both
                assertThat(delta(before, now, "kefu_push_sent_total", "type", "msg")).isEqualTo(3);
                assertThat(delta(before, now, "kefu_push_sent_total", "type", "conv.closed")).isEqualTo(2);
            });
        }
    }

    @Test
    void aConversationClosedWhileWaitingIsAClosedWaitAndFreeTextReasonsCountAsOther() {
        ShopFixture shop = server.newShop();
        try (TestClients clients = new TestClients(server, Encoding.BINARY)) {
            Buyer first = clients.buyer(buyerId());
            Buyer second = clients.buyer(buyerId());
            Scrape before = scrape();

            String c1 = join(first.session().open(shop.shopId(), null, null)).conv();
            String c2 = join(second.session().open(shop.shopId(), null, null)).conv();
            join(first.session().close(c1, null));
            join(second.session().close(c2, "changed my mind, order 12345"));

            await().untilAsserted(() -> {
                Scrape now = scrape();
                assertThat(delta(before, now, OPEN, "state", "queued")).isZero();
                assertThat(delta(before, now, WAIT_COUNT, "outcome", "closed")).isEqualTo(2);
                assertThat(delta(before, now, WAIT_COUNT, "outcome", "assigned")).isZero();
                assertThat(delta(before, now, CLOSED, "reason", "closed")).isEqualTo(1);
                assertThat(delta(before, now, CLOSED, "reason", "other")).isEqualTo(1);
                assertThat(now.samples()).noneMatch(s -> s.labels().containsValue("changed my mind, order 12345"));
            });
        }
    }

    @Test
    void loginsAreCountedByResult() {
        ShopFixture shop = server.newShop();
        server.agent(shop.shopId(), "carol", "agent", 2, shop.preSales());
        Scrape before = scrape();

        assertThat(login(shop.shopId(), "carol", "password-carol").statusCode()).isEqualTo(200);
        assertThat(login(shop.shopId(), "carol", "wrong").statusCode()).isEqualTo(401);
        assertThat(login(shop.shopId(), "nobody", "wrong").statusCode()).isEqualTo(401);
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            login(shop.shopId(), "agent1", "wrong");
        }
        assertThat(login(shop.shopId(), "agent1", "password-agent1").statusCode()).isEqualTo(429);

        Scrape now = scrape();
        assertThat(delta(before, now, LOGINS, "result", "ok")).isEqualTo(1);
        assertThat(delta(before, now, LOGINS, "result", "bad_password")).isEqualTo(1 + LoginThrottle.FREE_FAILURES);
        assertThat(delta(before, now, LOGINS, "result", "unknown_user")).isEqualTo(1);
        assertThat(delta(before, now, LOGINS, "result", "locked")).isEqualTo(1);
    }

    private static HttpResponse<String> login(String shopId, String username, String password) {
        return server.request("POST", "/api/v1/auth/agent", null,
                TestServer.obj().put("shopId", shopId).put("username", username).put("password", password));
    }

    @Test
    void buyerTokensAndHellosAreCounted() {
        Scrape before = scrape();
        String token = server.buyerToken(buyerId());
        try (RawWs good = RawWs.connect(server.wsUri(), "kefu.v1.json");
             RawWs bad = RawWs.connect(server.wsUri(), "kefu.v1.json")) {
            good.send("{\"t\":\"hello\",\"id\":\"h\",\"token\":\"" + token + "\"}");
            assertThat(good.next().get("t").asText()).isEqualTo("ok");
            bad.send("{\"t\":\"hello\",\"id\":\"h\",\"token\":\"" + token + "x\"}");
            assertThat(bad.next().get("code").asText()).isEqualTo("unauthorized");

            Scrape now = scrape();
            assertThat(delta(before, now, "kefu_auth_buyer_tokens_total")).isEqualTo(1);
            assertThat(delta(before, now, "kefu_gateway_hellos_total", "result", "ok")).isEqualTo(1);
            assertThat(delta(before, now, "kefu_gateway_hellos_total", "result", "rejected")).isEqualTo(1);
            assertThat(delta(before, now, "kefu_gateway_frames_out_total", "type", "ok")).isEqualTo(1);
            assertThat(delta(before, now, "kefu_gateway_frames_out_total", "type", "error")).isEqualTo(1);
        }
    }

    @Test
    void httpRequestsAreCountedByRouteTemplateNeverByRawPath() {
        ShopFixture shop = server.newShop();
        Scrape before = scrape();
        String groups = "/api/v1/shops/" + shop.shopId() + "/groups";

        assertThat(server.request("GET", groups, TestServer.ADMIN_KEY, null).statusCode()).isEqualTo(200);
        assertThat(server.request("GET", groups + "?x=1", TestServer.ADMIN_KEY, null).statusCode()).isEqualTo(200);
        assertThat(server.request("DELETE", groups, TestServer.ADMIN_KEY, null).statusCode()).isEqualTo(405);
        assertThat(server.request("GET", "/api/v1/shops/" + shop.shopId() + "/nothing", null, null).statusCode())
                .isEqualTo(404);
        assertThat(server.request("GET", "/health", null, null).statusCode()).isEqualTo(200);

        Scrape now = scrape();
        String count = "kefu_http_requests_seconds_count";
        String template = "/api/v1/shops/{shopId}/groups";
        assertThat(delta(before, now, count, "method", "GET", "route", template, "status", "200")).isEqualTo(2);
        assertThat(delta(before, now, count, "method", "DELETE", "route", template, "status", "405")).isEqualTo(1);
        assertThat(delta(before, now, count, "method", "GET", "route", "other", "status", "404")).isEqualTo(1);
        assertThat(delta(before, now, count, "method", "GET", "route", "/health", "status", "200")).isEqualTo(1);
        assertThat(now.value("kefu_http_requests_seconds_bucket", "method", "GET", "route", template, "status", "200",
                "le", "+Inf")).isGreaterThanOrEqualTo(2);
        assertThat(now.samples()).noneMatch(s -> s.labels().values().stream().anyMatch(v -> v.contains(shop.shopId())));
    }

    @Test
    void aPushToABuyerWhoLeftIsCountedAsDropped() {
        ShopFixture shop = server.newShop();
        try (TestClients clients = new TestClients(server, Encoding.JSON)) {
            Agent agent = clients.agent(shop.agent1(), true);
            String buyerId = buyerId();
            TestClients leaving = new TestClients(server, Encoding.JSON);
            Buyer buyer = leaving.buyer(buyerId);
            String conv = join(buyer.session().open(shop.shopId(), null, null)).conv();
            agent.pushes().await(ConvAssigned.class);
            leaving.close();
            await().until(() -> !server.server().services().sessions().isConnected(buyerId));
            Scrape before = scrape();

            join(agent.session().sendText(conv, "还在吗？"));

            await().untilAsserted(() -> {
                Scrape now = scrape();
                assertThat(delta(before, now, "kefu_push_dropped_total", "reason", "offline")).isEqualTo(1);
                assertThat(delta(before, now, "kefu_push_sent_total", "type", "msg")).isEqualTo(1); // the agent's copy
            });
        }
    }

    @Test
    void theScrapeDeclaresEveryNewMeterWithItsHelp() {
        String text = server.request("GET", "/metrics", null, null).body();
        for (String family : new String[] {"kefu_conversations_open", "kefu_conversations_closed_total",
                "kefu_queue_wait_seconds", "kefu_messages_stored_total", "kefu_ratings_total", "kefu_auth_logins_total",
                "kefu_push_dropped_total", "kefu_gateway_hellos_total"}) {
            assertThat(text).containsPattern("(?m)^# HELP " + family + " \\S");
        }
    }

    private static double delta(Scrape before, Scrape now, String name, String... labels) {
        return now.value(name, labels) - before.value(name, labels);
    }
}
