package io.kefu.server.api;

import static io.kefu.server.api.ApiFixture.ADMIN_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Shops, groups and staff over HTTP, against the real H2 store. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShopApiTest {
    private final ApiFixture api = new ApiFixture();

    @AfterAll
    void close() {
        api.close();
    }

    @Test
    void thePlatformAdminCreatesAShop() {
        ApiFixture.Reply r = api.post("/api/v1/shops", "{\"name\":\"旗舰店 Flagship\",\"ignored\":1}", ADMIN_KEY);

        assertThat(r.status()).isEqualTo(200);
        assertThat(api.shops.findShop(r.json().path("id").asText())).hasValueSatisfying(
                s -> assertThat(s.name()).isEqualTo("旗舰店 Flagship"));
    }

    @Test
    void onlyThePlatformAdminCreatesShops() {
        String shop = api.createShop("Mine");
        api.createStaff(shop, "boss", "admin", List.of());
        String shopAdmin = api.login(shop, "boss");

        ApiFixture.Reply byShopAdmin = api.post("/api/v1/shops", "{\"name\":\"Another\"}", shopAdmin);
        ApiFixture.Reply byBuyer = api.post("/api/v1/shops", "{\"name\":\"Another\"}", api.buyerToken("b-shop"));

        assertThat(byShopAdmin.status()).isEqualTo(403);
        assertThat(byShopAdmin.code()).isEqualTo("forbidden");
        assertThat(byBuyer.status()).isEqualTo(403);
    }

    @Test
    void aShopNeedsAName() {
        assertThat(api.post("/api/v1/shops", "{}", ADMIN_KEY).message()).isEqualTo("field 'name' is required");
        assertThat(api.post("/api/v1/shops", "{\"name\":7}", ADMIN_KEY).message())
                .isEqualTo("field 'name' must be a string, was a number");
        assertThat(api.post("/api/v1/shops", "[]", ADMIN_KEY).message())
                .isEqualTo("request body must be a JSON object, was an array");
    }

    @Test
    void groupsAreCreatedAndListedWithTheirRouting() {
        String shop = api.createShop("Groups");
        String pre = api.createGroup(shop, "{\"name\":\"售前\",\"entryTypes\":[\"product\",\"shop\"]}");
        String after = api.createGroup(shop, "{\"name\":\"售后\",\"isDefault\":false,\"entryTypes\":[\"order\"],"
                + "\"overflowTo\":\"" + pre + "\",\"overflowAfterSec\":120}");

        JsonNode groups = api.get("/api/v1/shops/" + shop + "/groups", ADMIN_KEY).json().path("groups");

        assertThat(groups).hasSize(2);
        assertThat(groups.get(0).path("id").asText()).isEqualTo(pre);
        assertThat(groups.get(0).path("isDefault").asBoolean()).as("a shop's first group is its default").isTrue();
        assertThat(groups.get(0).path("entryTypes").toString()).isEqualTo("[\"product\",\"shop\"]");
        assertThat(groups.get(1).path("id").asText()).isEqualTo(after);
        assertThat(groups.get(1).path("isDefault").asBoolean()).isFalse();
        assertThat(groups.get(1).path("overflowTo").asText()).isEqualTo(pre);
        assertThat(groups.get(1).path("overflowAfterSec").asInt()).isEqualTo(120);
    }

    @Test
    void aNewDefaultGroupTakesOverTheDefault() {
        String shop = api.createShop("Defaults");
        api.createGroup(shop, "{\"name\":\"one\"}");
        String two = api.createGroup(shop, "{\"name\":\"two\",\"isDefault\":true}");

        JsonNode groups = api.get("/api/v1/shops/" + shop + "/groups", ADMIN_KEY).json().path("groups");

        assertThat(groups.findValues("isDefault").stream().filter(JsonNode::asBoolean)).hasSize(1);
        assertThat(groups.get(1).path("id").asText()).isEqualTo(two);
        assertThat(groups.get(1).path("isDefault").asBoolean()).isTrue();
    }

    @Test
    void groupFieldsAreValidated() {
        String shop = api.createShop("Validation");
        String uri = "/api/v1/shops/" + shop + "/groups";

        assertThat(api.post(uri, "{\"name\":\"x\",\"entryTypes\":[\"homepage\"]}", ADMIN_KEY).message())
                .isEqualTo("field 'entryTypes' may hold product, order, shop and aftersale, was 'homepage'");
        assertThat(api.post(uri, "{\"name\":\"x\",\"isDefault\":\"yes\"}", ADMIN_KEY).message())
                .isEqualTo("field 'isDefault' must be true or false, was a string");
        assertThat(api.post(uri, "{\"name\":\"x\",\"overflowTo\":\"123\"}", ADMIN_KEY).message())
                .startsWith("field 'overflowAfterSec' (1..86400) is required when 'overflowTo' is set");
        assertThat(api.post(uri, "{\"name\":\"x\",\"overflowAfterSec\":30}", ADMIN_KEY).message())
                .startsWith("field 'overflowAfterSec' needs 'overflowTo'");
        ApiFixture.Reply unknownOverflow = api.post(uri, "{\"name\":\"x\",\"overflowTo\":\"123\",\"overflowAfterSec\":30}", ADMIN_KEY);
        assertThat(unknownOverflow.status()).isEqualTo(404);
        assertThat(unknownOverflow.message()).contains("group '123' not found");
    }

    @Test
    void aGroupNameIsUniqueInItsShop() {
        String shop = api.createShop("Unique");
        api.createGroup(shop, "{\"name\":\"VIP\"}");

        ApiFixture.Reply r = api.post("/api/v1/shops/" + shop + "/groups", "{\"name\":\"VIP\"}", ADMIN_KEY);

        assertThat(r.status()).isEqualTo(409);
        assertThat(r.code()).isEqualTo("invalid_state");
    }

    @Test
    void anUnknownShopIsNotFound() {
        assertThat(api.post("/api/v1/shops/999/groups", "{\"name\":\"x\"}", ADMIN_KEY).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/shops/999/groups", ADMIN_KEY).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/shops/999/agents", ADMIN_KEY).status()).isEqualTo(404);
        assertThat(api.post("/api/v1/shops/999/agents", "{\"username\":\"u\",\"password\":\"password\","
                + "\"name\":\"n\",\"groups\":[],\"maxConcurrent\":1,\"role\":\"agent\"}", ADMIN_KEY).status()).isEqualTo(404);
    }

    @Test
    void aShopAdminManagesItsOwnShopOnly() {
        String mine = api.createShop("Own");
        String other = api.createShop("Other");
        api.createStaff(mine, "owner", "admin", List.of());
        api.createStaff(mine, "sup", "supervisor", List.of());
        String owner = api.login(mine, "owner");
        String supervisor = api.login(mine, "sup");

        assertThat(api.post("/api/v1/shops/" + mine + "/groups", "{\"name\":\"g\"}", owner).status()).isEqualTo(200);
        assertThat(api.post("/api/v1/shops/" + other + "/groups", "{\"name\":\"g\"}", owner).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/shops/" + mine + "/groups", "{\"name\":\"g2\"}", supervisor).code())
                .isEqualTo("forbidden");
        assertThat(api.post("/api/v1/shops/" + mine + "/agents", "{\"username\":\"new\",\"password\":\"password-new\","
                + "\"name\":\"New\",\"groups\":[],\"maxConcurrent\":2,\"role\":\"agent\"}", owner).status()).isEqualTo(200);
    }

    @Test
    void staffAreCreatedInTheirGroupsAndListedWithoutPasswords() {
        String shop = api.createShop("Staff");
        String g = api.createGroup(shop, "{\"name\":\"g\"}");
        String id = api.post("/api/v1/shops/" + shop + "/agents", "{\"username\":\"li\",\"password\":\"secret-pass-1\","
                + "\"name\":\"小李\",\"groups\":[\"" + g + "\"],\"maxConcurrent\":5,\"role\":\"supervisor\"}", ADMIN_KEY).id();

        JsonNode agents = api.get("/api/v1/shops/" + shop + "/agents", ADMIN_KEY).json().path("agents");

        assertThat(agents).hasSize(1);
        JsonNode li = agents.get(0);
        assertThat(li.path("id").asText()).isEqualTo(id);
        assertThat(li.path("username").asText()).isEqualTo("li");
        assertThat(li.path("name").asText()).isEqualTo("小李");
        assertThat(li.path("role").asText()).isEqualTo("supervisor");
        assertThat(li.path("maxConcurrent").asInt()).isEqualTo(5);
        assertThat(li.path("groups").toString()).isEqualTo("[\"" + g + "\"]");
        assertThat(agents.toString()).doesNotContain("secret-pass-1", "pbkdf2", "password");
        assertThat(api.shops.findAgent(id).orElseThrow().passwordHash()).startsWith("pbkdf2-sha256$");
    }

    @Test
    void staffFieldsAreValidated() {
        String shop = api.createShop("StaffValidation");
        String uri = "/api/v1/shops/" + shop + "/agents";
        String valid = "\"username\":\"u1\",\"password\":\"password-1\",\"name\":\"N\",\"groups\":[],\"maxConcurrent\":1";

        assertThat(api.post(uri, "{" + valid + ",\"role\":\"buyer\"}", ADMIN_KEY).message())
                .isEqualTo("field 'role' must be agent, supervisor or admin, was 'buyer'");
        assertThat(api.post(uri, "{" + valid + "}", ADMIN_KEY).message()).isEqualTo("field 'role' is required");
        assertThat(api.post(uri, "{" + valid.replace("\"maxConcurrent\":1", "\"maxConcurrent\":\"5\"")
                + ",\"role\":\"agent\"}", ADMIN_KEY).message())
                .isEqualTo("field 'maxConcurrent' must be an integer 0..100, was a string");
        assertThat(api.post(uri, "{" + valid.replace("password-1", "short") + ",\"role\":\"agent\"}", ADMIN_KEY).message())
                .isEqualTo("field 'password' must be 8..128 characters long, was 5");
        assertThat(api.post(uri, "{" + valid.replace("\"groups\":[],", "") + ",\"role\":\"agent\"}", ADMIN_KEY).message())
                .isEqualTo("field 'groups' is required");
        assertThat(api.post(uri, "{" + valid.replace("u1", "u 1") + ",\"role\":\"agent\"}", ADMIN_KEY).message())
                .isEqualTo("field 'username' must not contain spaces");
    }

    @Test
    void staffGroupsMustBelongToTheShop() {
        String shop = api.createShop("Walls");
        String otherShop = api.createShop("Walls2");
        String foreignGroup = api.createGroup(otherShop, "{\"name\":\"theirs\"}");

        ApiFixture.Reply r = api.post("/api/v1/shops/" + shop + "/agents", "{\"username\":\"u\",\"password\":\"password-u\","
                + "\"name\":\"N\",\"groups\":[\"" + foreignGroup + "\"],\"maxConcurrent\":1,\"role\":\"agent\"}", ADMIN_KEY);

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.message()).contains(foreignGroup).contains("not found in shop " + shop);
    }

    @Test
    void aUsernameIsTakenOncePerShop() {
        String shop = api.createShop("Usernames");
        api.createStaff(shop, "same", "agent", List.of());

        ApiFixture.Reply r = api.post("/api/v1/shops/" + shop + "/agents", "{\"username\":\"same\",\"password\":\"password-x\","
                + "\"name\":\"N\",\"groups\":[],\"maxConcurrent\":1,\"role\":\"agent\"}", ADMIN_KEY);

        assertThat(r.status()).isEqualTo(409);
        assertThat(r.code()).isEqualTo("invalid_state");
    }

    @Test
    void staffReadTheirOwnShopsSetUpOnly() {
        String shop = api.createShop("Readers");
        String other = api.createShop("Readers2");
        api.createStaff(shop, "reader", "agent", List.of());
        String agent = api.login(shop, "reader");

        assertThat(api.get("/api/v1/shops/" + shop + "/groups", agent).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/shops/" + shop + "/agents", agent).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/shops/" + other + "/agents", agent).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/shops/" + shop + "/agents", api.buyerToken("b-reader")).status()).isEqualTo(403);
    }
}
