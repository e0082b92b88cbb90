package io.kefu.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kefu.server.TestServer;
import io.kefu.server.TestServer.Login;
import io.kefu.server.TestServer.ShopFixture;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The admin audit trail (docs/staff.md) through a real server: one entry for each admin action, failed logins with
 * the address they came from, the {@code type} filter, the tenant wall, supervisors seeing compliance entries only,
 * and never a password or a token in what is read back.
 */
@Timeout(60)
class AdminAuditIT {
    @RegisterExtension
    static final TestServer server = TestServer.h2();

    private static final List<String> EVERY_TYPE = List.of("login.ok", "login.failed", "staff.create", "staff.change",
            "webhook.change", "staff.disable", "staff.enable", "password.change", "password.reset", "group.create", "group.change",
            "routing.change", "rule.create", "rule.delete", "script.create", "script.change", "script.delete",
            "export.scripts", "export.stats");

    private static HttpResponse<String> ok(String method, String path, String bearer, Object body) {
        HttpResponse<String> r = server.request(method, path, bearer, body);
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(200);
        return r;
    }

    @Test
    void everyAdminActionIsAuditedWithWhoWhatAndWhereAndNoSecrets() {
        ShopFixture shop = server.newShop();
        String s = "/api/v1/shops/" + shop.shopId();
        Login admin = server.agent(shop.shopId(), "admin1", "admin", 5, shop.preSales());
        List<String> secrets = new ArrayList<>(List.of("password-agent1", "password-agent2", "password-admin1",
                "a-changed-secret-7", "admin-chosen-pw-3", "wrong-guess-123", TestServer.ADMIN_KEY, admin.token(),
                shop.agent1().token(), shop.agent2().token(), "pbkdf2"));

        // logins: a wrong password, an unknown username, a success
        assertThat(server.request("POST", "/api/v1/auth/agent", null, TestServer.obj().put("shopId", shop.shopId())
                .put("username", "agent1").put("password", "wrong-guess-123")).statusCode()).isEqualTo(401);
        assertThat(server.request("POST", "/api/v1/auth/agent", null, TestServer.obj().put("shopId", shop.shopId())
                .put("username", "nobody").put("password", "wrong-guess-123")).statusCode()).isEqualTo(401);
        secrets.add(TestServer.parse(ok("POST", "/api/v1/auth/agent", null, TestServer.obj().put("shopId", shop.shopId())
                .put("username", "agent1").put("password", "password-agent1")).body()).path("token").asText());
        // staff, passwords, groups, routing
        ok("PATCH", s + "/agents/" + shop.agent1().id(), admin.token(), TestServer.obj().put("maxConcurrent", 3));
        ok("POST", s + "/agents/" + shop.agent1().id() + "/disable", admin.token(), null);
        ok("POST", s + "/agents/" + shop.agent1().id() + "/enable", admin.token(), null);
        secrets.add(TestServer.parse(ok("POST", "/api/v1/auth/password", shop.agent2().token(), TestServer.obj()
                .put("old", "password-agent2").put("new", "a-changed-secret-7")).body()).path("token").asText());
        ok("POST", s + "/agents/" + shop.agent1().id() + "/password", admin.token(),
                TestServer.obj().put("password", "admin-chosen-pw-3"));
        secrets.add(TestServer.parse(ok("POST", s + "/agents/" + shop.supervisor().id() + "/password", admin.token(), null)
                .body()).path("password").asText());
        String group = TestServer.parse(ok("POST", s + "/groups", admin.token(), TestServer.obj().put("name", "vip"))
                .body()).path("id").asText();
        ok("PATCH", s + "/groups/" + group, admin.token(), TestServer.obj().put("name", "VIP"));
        ok("PUT", s + "/routing", admin.token(), TestServer.obj().put("graceSec", 30));
        // rules, scripts, exports
        String rule = TestServer.parse(ok("POST", s + "/rules", admin.token(), TestServer.obj().put("name", "no fakes")
                .put("type", "phrase").put("pattern", "假货")).body()).path("id").asText();
        ok("DELETE", s + "/rules/" + rule, admin.token(), null);
        String script = TestServer.parse(ok("POST", s + "/scripts", admin.token(), TestServer.obj().put("scope", "shop")
                .put("category", "通用").put("title", "hi").put("body", "您好")).body()).path("id").asText();
        ok("PUT", s + "/scripts/" + script, admin.token(), TestServer.obj().put("title", "hello"));
        ok("GET", s + "/scripts/export?format=csv", admin.token(), null);
        ok("DELETE", s + "/scripts/" + script, admin.token(), null);
        ok("GET", s + "/stats?by=agent&format=csv", admin.token(), null);
        secrets.add("webhook-secret-0123456789");
        String hook = TestServer.parse(ok("POST", s + "/webhooks", admin.token(), TestServer.obj()
                .put("url", "https://hooks.example.com/kefu?token=query-secret-42")
                .put("secret", "webhook-secret-0123456789").set("events",
                        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode().add("message.created")))
                .body()).path("id").asText();
        secrets.add("query-secret-42");
        ok("DELETE", s + "/webhooks/" + hook, admin.token(), null);

        JsonNode entries = await().atMost(10, TimeUnit.SECONDS).until(() -> read(s + "/audit?limit=500", admin.token()),
                e -> types(e).containsAll(EVERY_TYPE));

        JsonNode failed = first(entries, "login.failed", "reason=bad_password");
        assertThat(failed.path("address").asText()).isEqualTo("127.0.0.1");
        assertThat(failed.path("actor").path("id").asText()).isEqualTo(shop.agent1().id());
        assertThat(first(entries, "login.failed", "reason=unknown_user").path("detail").asText()).contains("nobody");
        JsonNode disable = first(entries, "staff.disable", "");
        assertThat(disable.path("actor").path("type").asText()).isEqualTo("admin");
        assertThat(disable.path("actor").path("id").asText()).isEqualTo(admin.id());
        assertThat(disable.path("target").asText()).isEqualTo(shop.agent1().id());
        assertThat(disable.path("ts").asLong()).isPositive();
        assertThat(first(entries, "staff.create", "username=agent1").path("actor").path("type").asText())
                .isEqualTo("platform");
        assertThat(first(entries, "password.reset", "generated").path("target").asText()).isEqualTo(shop.supervisor().id());
        String all = entries.toString();
        for (String secret : secrets) {
            assertThat(all).as("the audit trail must not contain a password or token").doesNotContain(secret);
        }

        // the type filter: families and exact types, nothing else
        assertThat(types(read(s + "/audit?type=login", admin.token()))).containsExactlyInAnyOrder("login.ok", "login.failed");
        assertThat(types(read(s + "/audit?type=staff.disable,export", admin.token())))
                .containsExactlyInAnyOrder("staff.disable", "export.scripts", "export.stats");
        assertThat(server.request("GET", s + "/audit?type=DROP%20TABLE", admin.token(), null).statusCode()).isEqualTo(400);
    }

    @Test
    void supervisorsReadComplianceEntriesOnlyAndOtherShopsNothing() {
        ShopFixture shop = server.newShop();
        String s = "/api/v1/shops/" + shop.shopId();
        Login admin = server.agent(shop.shopId(), "admin1", "admin", 5, shop.preSales());
        ok("PUT", s + "/routing", admin.token(), TestServer.obj().put("graceSec", 30));
        await().atMost(10, TimeUnit.SECONDS).until(() -> types(read(s + "/audit?type=routing", admin.token()))
                .contains("routing.change"));

        assertThat(read(s + "/audit", shop.supervisor().token())).isEmpty();
        assertThat(server.request("GET", s + "/audit", shop.agent1().token(), null).statusCode()).isEqualTo(403);
        ShopFixture other = server.newShop();
        Login otherAdmin = server.agent(other.shopId(), "admin1", "admin", 5, other.preSales());
        HttpResponse<String> walled = server.request("GET", s + "/audit", otherAdmin.token(), null);
        assertThat(walled.statusCode()).isEqualTo(403);
        assertThat(walled.body()).doesNotContain("routing.change");
        assertThat(types(read("/api/v1/shops/" + other.shopId() + "/audit", otherAdmin.token())))
                .doesNotContain("routing.change");
    }

    private static JsonNode read(String path, String token) {
        return TestServer.parse(ok("GET", path, token, null).body()).path("entries");
    }

    private static Set<String> types(JsonNode entries) {
        Set<String> types = new HashSet<>();
        entries.forEach(e -> types.add(e.path("type").asText()));
        return types;
    }

    private static JsonNode first(JsonNode entries, String type, String detail) {
        for (JsonNode e : entries) {
            if (e.path("type").asText().equals(type) && e.path("detail").asText().contains(detail)) {
                return e;
            }
        }
        throw new AssertionError("no " + type + " entry with '" + detail + "' in " + entries);
    }
}
