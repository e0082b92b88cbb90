package io.kefu.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kefu.server.TestServer;
import io.kefu.server.auth.LoginThrottle;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the console needs from the HTTP API, over real sockets: a login by shop name as well as by shop id,
 * with the same answer for every failure, and reading back a buyer's tags and note.
 */
@Timeout(60)
class ConsoleApiIT {
    @RegisterExtension
    static final TestServer server = TestServer.h2();

    @Test
    void staffLogInByTheShopsExactNameAndGetTheShopIdBack() {
        String name = "小店 " + UUID.randomUUID();
        String shopId = createShop(name);
        TestServer.Login li = server.agent(shopId, "li", "agent", 2);

        HttpResponse<String> byName = login("shopName", name, "li", "password-li");

        assertThat(byName.statusCode()).as(byName.body()).isEqualTo(200);
        JsonNode ok = TestServer.parse(byName.body());
        assertThat(ok.path("agentId").asText()).isEqualTo(li.id());
        assertThat(ok.path("shopId").asText()).isEqualTo(shopId);
        assertThat(server.request("GET", "/api/v1/shops/" + shopId + "/agents", ok.path("token").asText(), null)
                .statusCode()).as("the token works for the shop").isEqualTo(200);
        assertThat(TestServer.parse(login("shopId", shopId, "li", "password-li").body()).path("shopId").asText())
                .as("a login by id answers the shop id too").isEqualTo(shopId);
    }

    @Test
    void anUnknownOrAmbiguousShopNameGetsTheSameAnswerAsAWrongPassword() {
        String unique = "唯一 " + UUID.randomUUID();
        server.agent(createShop(unique), "li", "agent", 2);
        String twice = "同名 " + UUID.randomUUID();
        server.agent(createShop(twice), "li", "agent", 2);
        server.agent(createShop(twice), "li", "agent", 2);

        for (HttpResponse<String> r : List.of(
                login("shopName", unique, "li", "wrong-password"),
                login("shopName", "没有这家店 " + UUID.randomUUID(), "li", "password-li"),
                login("shopName", twice, "li", "password-li"),
                login("shopName", unique.toUpperCase(), "li", "password-li"))) {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
            JsonNode error = TestServer.parse(r.body());
            assertThat(error.path("code").asText()).isEqualTo("unauthorized");
            assertThat(error.path("message").asText()).isEqualTo(AuthEndpoints.LOGIN_FAILED);
        }
    }

    @Test
    void loginsByAnUnknownNameAreThrottledLikeAnyOther() {
        String nobody = "不存在 " + UUID.randomUUID();
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            assertThat(login("shopName", nobody, "li", "password-li").statusCode()).isEqualTo(401);
        }

        HttpResponse<String> locked = login("shopName", nobody, "li", "password-li");

        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(TestServer.parse(locked.body()).path("code").asText()).isEqualTo("rate_limited");
    }

    @Test
    void failuresByNameCountForTheAccountTheNameFinds() {
        String name = "同一账号 " + UUID.randomUUID();
        String shopId = createShop(name);
        server.agent(shopId, "li", "agent", 2);
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            assertThat(login("shopName", name, "li", "guess-" + i).statusCode()).isEqualTo(401);
        }

        HttpResponse<String> byId = login("shopId", shopId, "li", "password-li");

        assertThat(byId.statusCode()).as("locked by the failures by name").isEqualTo(429);
    }

    @Test
    void aLoginNamesTheShopOnceEitherByIdOrByName() {
        String name = "两个都给 " + UUID.randomUUID();
        String shopId = createShop(name);
        server.agent(shopId, "li", "agent", 2);

        HttpResponse<String> both = server.request("POST", "/api/v1/auth/agent", null, TestServer.obj()
                .put("shopId", shopId).put("shopName", name).put("username", "li").put("password", "password-li"));
        HttpResponse<String> neither = server.request("POST", "/api/v1/auth/agent", null, TestServer.obj()
                .put("username", "li").put("password", "password-li"));

        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(both.body()).contains("'shopId'", "'shopName'");
        assertThat(neither.statusCode()).isEqualTo(400);
        assertThat(neither.body()).contains("field 'shopId'");
    }

    @Test
    void staffReadBackTheBuyersTagsAndNoteOfTheirShopOnly() {
        TestServer.ShopFixture shop = server.newShop();
        TestServer.ShopFixture other = server.newShop();
        String buyer = "b-" + UUID.randomUUID();
        server.buyerToken(buyer);
        String path = "/api/v1/shops/" + shop.shopId() + "/buyers/" + buyer;

        JsonNode fresh = TestServer.parse(server.request("GET", path, shop.agent1().token(), null).body());
        var body = TestServer.obj().put("note", "prefers SF Express");
        body.putArray("tags").add("vip").add("wholesale");
        HttpResponse<String> put = server.request("PUT", path, shop.agent1().token(), body);
        HttpResponse<String> got = server.request("GET", path, shop.agent2().token(), null);

        assertThat(fresh.path("id").asText()).isEqualTo(buyer);
        assertThat(fresh.path("name").asText()).isEqualTo("buyer " + buyer);
        assertThat(fresh.path("tags").toString()).isEqualTo("[]");
        assertThat(fresh.path("note").isNull()).isTrue();
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(TestServer.parse(got.body())).as("the GET answers what the PUT answered")
                .isEqualTo(TestServer.parse(put.body()));
        assertThat(TestServer.parse(got.body()).path("note").asText()).isEqualTo("prefers SF Express");
        assertThat(server.request("GET", path, other.agent1().token(), null).statusCode())
                .as("another shop's staff").isEqualTo(403);
        assertThat(server.request("GET", path, server.buyerToken(buyer), null).statusCode())
                .as("the buyer themselves").isEqualTo(403);
        HttpResponse<String> unknown = server.request("GET", "/api/v1/shops/" + shop.shopId() + "/buyers/nobody-"
                + UUID.randomUUID(), shop.agent1().token(), null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(TestServer.parse(unknown.body()).path("code").asText()).isEqualTo("not_found");
        assertThat(TestServer.parse(server.request("GET", "/api/v1/shops/" + other.shopId() + "/buyers/" + buyer,
                other.agent1().token(), null).body()).path("tags").toString())
                .as("the other shop's own view is empty").isEqualTo("[]");
    }

    private static String createShop(String name) {
        return server.post("/api/v1/shops", TestServer.ADMIN_KEY, TestServer.obj().put("name", name)).get("id").asText();
    }

    private static HttpResponse<String> login(String shopField, String shop, String username, String password) {
        return server.request("POST", "/api/v1/auth/agent", null, TestServer.obj().put(shopField, shop)
                .put("username", username).put("password", password));
    }
}
