package io.kefu.server.api;

import static io.kefu.server.TestClients.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kefu.client.Encoding;
import io.kefu.protocol.ConvAssigned;
import io.kefu.protocol.ConvTransferred;
import io.kefu.server.RawWs;
import io.kefu.server.TestClients;
import io.kefu.server.TestClients.Agent;
import io.kefu.server.TestClients.Buyer;
import io.kefu.server.TestServer;
import io.kefu.server.TestServer.Login;
import io.kefu.server.TestServer.ShopFixture;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Staff management over real sockets (docs/staff.md): disabling closes the agent's sessions with 4403 and
 * re-queues their chats to another agent, refuses their logins and tokens (HTTP and hello), and enabling lets them
 * log in again; a password change or reset retires older tokens; the agents listing shows presence and load.
 */
@Timeout(60)
class StaffIT {
    @RegisterExtension
    static final TestServer server = TestServer.h2();

    private static String agentsPath(ShopFixture shop) {
        return "/api/v1/shops/" + shop.shopId() + "/agents";
    }

    private static HttpResponse<String> call(String method, String path, String bearer, Object body) {
        return server.request(method, path, bearer, body);
    }

    private static JsonNode login(ShopFixture shop, String username, String password, int status) {
        HttpResponse<String> r = call("POST", "/api/v1/auth/agent", null, TestServer.obj().put("shopId", shop.shopId())
                .put("username", username).put("password", password));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return TestServer.parse(r.body());
    }

    @Test
    void disablingClosesTheAgentsSocketWith4403AndHandsTheirChatToAnotherAgent() {
        ShopFixture shop = server.newShop();
        Login admin = server.agent(shop.shopId(), "admin1", "admin", 5, shop.preSales());
        try (TestClients clients = new TestClients(server, Encoding.JSON)) {
            Agent first = clients.agent(shop.agent1(), true);
            Buyer buyer = clients.buyer("buyer-" + UUID.randomUUID());
            String conv = join(buyer.session().open(shop.shopId(), null, "在吗")).conv();
            assertThat(first.pushes().await(ConvAssigned.class).conv()).isEqualTo(conv);
            Agent second = clients.agent(shop.agent2(), true);

            HttpResponse<String> disabled = call("POST", agentsPath(shop) + "/" + shop.agent1().id() + "/disable",
                    admin.token(), null);

            assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(200);
            assertThat(TestServer.parse(disabled.body()).path("disabled").asBoolean()).isTrue();
            await().atMost(10, TimeUnit.SECONDS).until(() -> first.pushes().lastCloseCode() == 4403);
            assertThat(second.pushes().await(ConvAssigned.class, a -> a.conv().equals(conv)).agent().id())
                    .isEqualTo(shop.agent2().id());
            assertThat(buyer.pushes().await(ConvTransferred.class, t -> t.conv().equals(conv)).reason())
                    .isEqualTo(ConvTransferred.AGENT_OFFLINE);

            // refused everywhere: login, the old token over HTTP, and hello (4403, so clients do not retry)
            assertThat(login(shop, "agent1", "password-agent1", 403).path("message").asText()).contains("disabled");
            HttpResponse<String> old = call("GET", "/api/v1/shops/" + shop.shopId() + "/groups", shop.agent1().token(), null);
            assertThat(old.statusCode()).isEqualTo(403);
            assertThat(old.body()).contains("disabled");
            try (RawWs ws = RawWs.connect(server.wsUri(), null)) {
                ws.send("{\"t\":\"hello\",\"id\":\"1\",\"token\":\"" + shop.agent1().token() + "\"}");
                assertThat(ws.next().path("code").asText()).isEqualTo("forbidden");
                assertThat(ws.awaitClose(Duration.ofSeconds(10)).code()).isEqualTo(4403);
            }
            JsonNode listed = agent(shop, shop.agent1().id(), admin.token());
            assertThat(listed.path("disabled").asBoolean()).isTrue();
            assertThat(listed.path("status").asText()).isEqualTo("offline");

            // enabled: a fresh login works; the tokens from before the disable stay retired
            HttpResponse<String> enabled = call("POST", agentsPath(shop) + "/" + shop.agent1().id() + "/enable",
                    admin.token(), null);
            assertThat(enabled.statusCode()).as(enabled.body()).isEqualTo(200);
            String fresh = login(shop, "agent1", "password-agent1", 200).path("token").asText();
            assertThat(call("GET", "/api/v1/shops/" + shop.shopId() + "/groups", fresh, null).statusCode()).isEqualTo(200);
            assertThat(call("GET", "/api/v1/shops/" + shop.shopId() + "/groups", shop.agent1().token(), null).statusCode())
                    .isEqualTo(401);
            Agent back = clients.agent(new Login(shop.agent1().id(), fresh), true);
            assertThat(back.hello().userId()).isEqualTo(shop.agent1().id());
        }
    }

    @Test
    void onlyAdminsDisableAndNobodyDisablesThemselves() {
        ShopFixture shop = server.newShop();
        Login admin = server.agent(shop.shopId(), "admin1", "admin", 5, shop.preSales());
        String path = agentsPath(shop) + "/" + shop.agent2().id() + "/disable";
        assertThat(call("POST", path, shop.supervisor().token(), null).statusCode()).isEqualTo(403);
        assertThat(call("POST", agentsPath(shop) + "/" + admin.id() + "/disable", admin.token(), null).statusCode())
                .isEqualTo(409);
        ShopFixture other = server.newShop();
        Login otherAdmin = server.agent(other.shopId(), "admin1", "admin", 5, other.preSales());
        assertThat(call("POST", path, otherAdmin.token(), null).statusCode()).isEqualTo(403);
        assertThat(call("POST", agentsPath(shop) + "/no-such-agent/disable", admin.token(), null).statusCode())
                .isEqualTo(404);
    }

    @Test
    void aPasswordChangeRetiresOlderTokensAndClosesTheirSessions() {
        ShopFixture shop = server.newShop();
        try (TestClients clients = new TestClients(server, Encoding.JSON)) {
            Agent online = clients.agent(shop.agent2(), true);
            String path = "/api/v1/auth/password";
            HttpResponse<String> wrongOld = call("POST", path, shop.agent2().token(),
                    TestServer.obj().put("old", "not-it-at-all").put("new", "a-new-secret-9"));
            assertThat(wrongOld.statusCode()).isEqualTo(403);
            assertThat(wrongOld.body()).contains("'old'");
            HttpResponse<String> weak = call("POST", path, shop.agent2().token(),
                    TestServer.obj().put("old", "password-agent2").put("new", "short"));
            assertThat(weak.statusCode()).isEqualTo(400);
            assertThat(weak.body()).contains("'new'").doesNotContain("short");

            HttpResponse<String> changed = call("POST", path, shop.agent2().token(),
                    TestServer.obj().put("old", "password-agent2").put("new", "a-new-secret-9"));

            assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
            String token = TestServer.parse(changed.body()).path("token").asText();
            await().atMost(10, TimeUnit.SECONDS).until(() -> online.pushes().lastCloseCode() == 4401);
            HttpResponse<String> old = call("GET", "/api/v1/shops/" + shop.shopId() + "/groups", shop.agent2().token(), null);
            assertThat(old.statusCode()).isEqualTo(401);
            assertThat(old.body()).contains("revoked");
            assertThat(call("GET", "/api/v1/shops/" + shop.shopId() + "/groups", token, null).statusCode()).isEqualTo(200);
            login(shop, "agent2", "password-agent2", 401);
            login(shop, "agent2", "a-new-secret-9", 200);
            try (RawWs ws = RawWs.connect(server.wsUri(), null)) {
                ws.send("{\"t\":\"hello\",\"id\":\"1\",\"token\":\"" + shop.agent2().token() + "\"}");
                assertThat(ws.awaitClose(Duration.ofSeconds(10)).code()).isEqualTo(4401);
            }
        }
    }

    @Test
    void anAdminResetsAPasswordAndTheMadeOneWorksOnce() {
        ShopFixture shop = server.newShop();
        Login admin = server.agent(shop.shopId(), "admin1", "admin", 5, shop.preSales());
        String path = agentsPath(shop) + "/" + shop.agent1().id() + "/password";
        assertThat(call("POST", path, shop.supervisor().token(), null).statusCode()).isEqualTo(403);

        HttpResponse<String> made = call("POST", path, admin.token(), null);

        assertThat(made.statusCode()).as(made.body()).isEqualTo(200);
        String password = TestServer.parse(made.body()).path("password").asText();
        assertThat(password).hasSize(16);
        login(shop, "agent1", password, 200);
        login(shop, "agent1", "password-agent1", 401);
        assertThat(call("GET", "/api/v1/shops/" + shop.shopId() + "/groups", shop.agent1().token(), null).statusCode())
                .isEqualTo(401);

        HttpResponse<String> set = call("POST", path, admin.token(), TestServer.obj().put("password", "chosen-by-admin-1"));
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        assertThat(TestServer.parse(set.body()).has("password")).isFalse();
        login(shop, "agent1", "chosen-by-admin-1", 200);
        assertThat(call("POST", path, admin.token(), TestServer.obj().put("password", "agent1")).statusCode())
                .isEqualTo(400);
    }

    @Test
    void theAgentsListingShowsRoleDisabledPresenceAndLoad() {
        ShopFixture shop = server.newShop();
        try (TestClients clients = new TestClients(server, Encoding.BINARY)) {
            Agent first = clients.agent(shop.agent1(), true);
            Buyer buyer = clients.buyer("buyer-" + UUID.randomUUID());
            join(buyer.session().open(shop.shopId(), null, "你好"));
            first.pushes().await(ConvAssigned.class);

            JsonNode a1 = agent(shop, shop.agent1().id(), shop.agent2().token());
            JsonNode boss = agent(shop, shop.supervisor().id(), shop.agent2().token());

            assertThat(a1.path("role").asText()).isEqualTo("agent");
            assertThat(a1.path("disabled").asBoolean()).isFalse();
            assertThat(a1.path("status").asText()).isEqualTo("online");
            assertThat(a1.path("active").asInt()).isEqualTo(1);
            assertThat(a1.path("unanswered").asInt()).isEqualTo(1);
            assertThat(a1.has("passwordHash")).isFalse();
            assertThat(boss.path("role").asText()).isEqualTo("supervisor");
            assertThat(boss.path("status").asText()).isEqualTo("offline");
            assertThat(boss.path("active").asInt()).isZero();
        }
    }

    private static JsonNode agent(ShopFixture shop, String agentId, String token) {
        HttpResponse<String> r = call("GET", agentsPath(shop), token, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        for (JsonNode a : TestServer.parse(r.body()).path("agents")) {
            if (a.path("id").asText().equals(agentId)) {
                return a;
            }
        }
        throw new AssertionError("agent " + agentId + " not listed: " + r.body());
    }
}
