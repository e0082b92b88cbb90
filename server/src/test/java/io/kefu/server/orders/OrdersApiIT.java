package io.kefu.server.orders;

import static io.kefu.server.TestServer.ADMIN_KEY;
import static io.kefu.server.TestServer.assertApiError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kefu.server.TestServer;
import io.kefu.server.TestServer.ShopFixture;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The order endpoints (contract §10) on a real server: who may call what, the tenant and buyer walls
 * ({@code not_found}), body checks naming the field, the status rules, and a shop switched to its HTTP back end.
 */
@Timeout(120)
class OrdersApiIT {
    @RegisterExtension
    static final TestServer server = TestServer.h2();

    private static String orders(ShopFixture shop) {
        return "/api/v1/shops/" + shop.shopId() + "/orders";
    }

    private static ObjectNode orderJson(String buyerId, String status, long createdAt) {
        ObjectNode o = OrderJson.json(Orders.order("IGNORED", buyerId, OrderStatus.fromWire(status).orElseThrow(),
                createdAt));
        o.remove("orderNo");
        return o;
    }

    private static JsonNode put(ShopFixture shop, String orderNo, ObjectNode order) {
        HttpResponse<String> r = server.request("PUT", orders(shop) + "/" + orderNo, ADMIN_KEY, order);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return TestServer.parse(r.body());
    }

    private static HttpResponse<String> call(String method, String path, String bearer, Object body) {
        return server.request(method, path, bearer, body);
    }

    @Test
    void staffAndTheOwningBuyerReadOrdersAndEveryoneElseFindsNothing() {
        ShopFixture shop = server.newShop();
        ShopFixture other = server.newShop();
        JsonNode stored = put(shop, "SO-1", orderJson("u-1", "paid", 1_000));
        put(shop, "SO-2", orderJson("u-1", "shipped", 2_000));
        put(shop, "SO-3", orderJson("u-2", "unpaid", 3_000));
        put(other, "XO-1", orderJson("u-1", "paid", 4_000));
        String owner = server.buyerToken("u-1");
        String stranger = server.buyerToken("u-2");

        HttpResponse<String> byStaff = call("GET", orders(shop) + "/SO-1", shop.agent1().token(), null);
        HttpResponse<String> byOwner = call("GET", orders(shop) + "/SO-1", owner, null);
        HttpResponse<String> list = call("GET", orders(shop) + "?buyerId=u-1", shop.agent2().token(), null);

        assertThat(stored.path("orderNo").asText()).isEqualTo("SO-1");
        assertThat(byStaff.statusCode()).as(byStaff.body()).isEqualTo(200);
        assertThat(TestServer.parse(byStaff.body())).isEqualTo(stored);
        assertThat(TestServer.parse(byOwner.body())).isEqualTo(stored);
        assertThat(TestServer.parse(list.body()).path("orders").findValuesAsText("orderNo"))
                .containsExactly("SO-2", "SO-1");
        assertThat(stored.path("items").get(0).path("price").asLong()).isEqualTo(4_900);
        assertThat(stored.path("total").asLong()).isEqualTo(11_790);
        assertApiError(call("GET", orders(shop) + "/SO-1", stranger, null), 404, "not_found", "SO-1");
        assertApiError(call("GET", orders(shop) + "/SO-1", other.agent1().token(), null), 404, "not_found");
        assertApiError(call("GET", orders(shop) + "/XO-1", shop.supervisor().token(), null), 404, "not_found");
        assertApiError(call("GET", orders(shop) + "?buyerId=u-1", owner, null), 403, "forbidden");
        assertApiError(call("GET", orders(other) + "?buyerId=u-1", shop.agent1().token(), null), 403, "forbidden");
        assertApiError(call("GET", orders(shop), shop.agent1().token(), null), 400, "bad_frame", "'buyerId'");
    }

    @Test
    void onlyTheAdminKeyAndShopAdminsFillTheBookAndEveryBodyIsChecked() {
        ShopFixture shop = server.newShop();
        TestServer.Login admin = server.agent(shop.shopId(), "owner", "admin", 1, shop.preSales());
        ObjectNode negative = orderJson("u-1", "paid", 1);
        ((ObjectNode) negative.path("items").get(0)).put("price", -1);
        ObjectNode unknownStatus = orderJson("u-1", "paid", 1).put("status", "lost");
        ObjectNode fraction = orderJson("u-1", "paid", 1).put("total", 10.5);
        ObjectNode mismatch = orderJson("u-1", "paid", 1).put("orderNo", "SO-9");

        assertThat(call("PUT", orders(shop) + "/SO-1", admin.token(), orderJson("u-1", "paid", 1)).statusCode())
                .isEqualTo(200);
        assertApiError(call("PUT", orders(shop) + "/SO-1", shop.supervisor().token(), orderJson("u-1", "paid", 1)),
                403, "forbidden");
        assertApiError(call("PUT", orders(shop) + "/SO-1", ADMIN_KEY, negative), 400, "bad_frame", "'items[0].price'",
                "fen");
        assertApiError(call("PUT", orders(shop) + "/SO-1", ADMIN_KEY, unknownStatus), 400, "bad_frame", "'status'",
                "lost");
        assertApiError(call("PUT", orders(shop) + "/SO-1", ADMIN_KEY, fraction), 400, "bad_frame", "'total'");
        assertApiError(call("PUT", orders(shop) + "/SO-1", ADMIN_KEY, mismatch), 400, "bad_frame", "'orderNo'");
        assertApiError(call("PUT", orders(shop) + "/bad%20no", ADMIN_KEY, orderJson("u-1", "paid", 1)), 400,
                "bad_frame", "order number");
    }

    @Test
    void theAddressChangesBeforeShippingAndOnlyUnpaidOrPaidOrdersAreCancelled() {
        ShopFixture shop = server.newShop();
        ShopFixture other = server.newShop();
        put(shop, "P-1", orderJson("u-1", "paid", 1));
        put(shop, "S-1", orderJson("u-1", "shipped", 2));
        put(shop, "U-1", orderJson("u-1", "unpaid", 3));
        ObjectNode address = TestServer.obj();
        address.putObject("address").put("name", "李四").put("phone", "13900000000").put("region", "北京市 朝阳区")
                .put("detail", "建国路 8 号");
        ObjectNode noPhone = TestServer.obj();
        noPhone.putObject("address").put("name", "李四").put("region", "北京").put("detail", "建国路");
        String agent = shop.agent1().token();

        HttpResponse<String> changed = call("POST", orders(shop) + "/P-1/address", agent, address);
        HttpResponse<String> cancelled = call("POST", orders(shop) + "/U-1/cancel", agent,
                TestServer.obj().put("reason", "买家拍错了"));

        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(TestServer.parse(changed.body()).path("address").path("name").asText()).isEqualTo("李四");
        assertThat(TestServer.parse(cancelled.body()).path("status").asText()).isEqualTo("cancelled");
        assertApiError(call("POST", orders(shop) + "/S-1/address", agent, address), 409, "invalid_state",
                "S-1 is shipped", "only before it ships");
        assertApiError(call("POST", orders(shop) + "/S-1/cancel", agent, TestServer.obj().put("reason", "x")), 409,
                "invalid_state", "only unpaid or paid");
        assertApiError(call("POST", orders(shop) + "/P-1/address", agent, noPhone), 400, "bad_frame", "'address.phone'");
        assertApiError(call("POST", orders(shop) + "/P-1/cancel", agent, TestServer.obj()), 400, "bad_frame", "'reason'");
        assertApiError(call("POST", orders(shop) + "/P-1/cancel", server.buyerToken("u-1"),
                TestServer.obj().put("reason", "x")), 403, "forbidden");
        assertApiError(call("POST", orders(shop) + "/P-1/cancel", other.agent1().token(),
                TestServer.obj().put("reason", "x")), 404, "not_found");
        assertApiError(call("POST", orders(shop) + "/NOPE/cancel", agent, TestServer.obj().put("reason", "x")), 404,
                "not_found");
    }

    @Test
    void aShopReadsItsOrdersFromItsOwnBackEndOnceConfiguredAndTheSecretIsNeverShown() throws Exception {
        ShopFixture shop = server.newShop();
        String path = "/api/v1/shops/" + shop.shopId() + "/order-source";
        String secret = "backend-secret-0123456789";
        try (FakeShopBackend backend = new FakeShopBackend(secret)) {
            backend.put(Orders.order("HB-1", "u-1", OrderStatus.DELIVERED, 10));
            put(shop, "BI-1", orderJson("u-1", "paid", 1));
            ObjectNode http = TestServer.obj().put("type", "http").put("url", backend.url()).put("secret", secret)
                    .put("timeoutMs", 3_000);

            assertApiError(call("PUT", path, shop.supervisor().token(), http), 403, "forbidden");
            assertApiError(call("PUT", path, ADMIN_KEY, TestServer.obj().put("type", "ftp")), 400, "bad_frame", "'type'");
            assertApiError(call("PUT", path, ADMIN_KEY, http.deepCopy().put("url", "file:///etc")), 400, "bad_frame",
                    "'url'");
            assertApiError(call("PUT", path, ADMIN_KEY, http.deepCopy().put("secret", "short")), 400, "bad_frame",
                    "'secret'");
            HttpResponse<String> set = call("PUT", path, ADMIN_KEY, http);
            HttpResponse<String> read = call("GET", path, ADMIN_KEY, null);
            HttpResponse<String> fromBackend = call("GET", orders(shop) + "/HB-1", shop.agent1().token(), null);
            HttpResponse<String> notInBackend = call("GET", orders(shop) + "/BI-1", shop.agent1().token(), null);

            assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
            assertThat(set.body()).doesNotContain(secret);
            assertThat(read.body()).doesNotContain(secret);
            assertThat(TestServer.parse(read.body()).path("secretSet").asBoolean()).isTrue();
            assertThat(TestServer.parse(read.body()).path("type").asText()).isEqualTo("http");
            assertThat(fromBackend.statusCode()).as(fromBackend.body()).isEqualTo(200);
            assertThat(TestServer.parse(fromBackend.body()).path("status").asText()).isEqualTo("delivered");
            assertThat(notInBackend.statusCode()).isEqualTo(404);
            assertThat(backend.badSignatures()).isZero();

            call("PUT", path, ADMIN_KEY, TestServer.obj().put("type", "builtin"));
            assertThat(call("GET", orders(shop) + "/BI-1", shop.agent1().token(), null).statusCode()).isEqualTo(200);
        }
    }
}
