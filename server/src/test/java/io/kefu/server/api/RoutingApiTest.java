package io.kefu.server.api;

import static io.kefu.server.api.ApiFixture.ADMIN_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Routing settings, group and staff changes, and buyer tags over HTTP (contract v1.1 §5), on the real H2 store. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoutingApiTest {
    private final ApiFixture api = new ApiFixture();

    @AfterAll
    void close() {
        api.close();
    }

    private record Shop(String id, String group, String other, String agentId, String agent, String supervisor,
                        String admin) {
    }

    private Shop shop(String name) {
        String shop = api.createShop(name);
        String g = api.createGroup(shop, "{\"name\":\"pre\"}");
        String other = api.createGroup(shop, "{\"name\":\"after\"}");
        String agentId = api.createStaff(shop, "agent", "agent", List.of(g));
        api.createStaff(shop, "sup", "supervisor", List.of(g));
        api.createStaff(shop, "boss", "admin", List.of());
        return new Shop(shop, g, other, agentId, api.login(shop, "agent"), api.login(shop, "sup"), api.login(shop, "boss"));
    }

    @Test
    void staffReadTheDefaultsAndManagersChangeThemByMerging() {
        Shop s = shop("Settings");
        String path = "/api/v1/shops/" + s.id() + "/routing";

        JsonNode defaults = api.get(path, s.agent()).json();
        ApiFixture.Reply put = api.call("PUT", path, "{\"graceSec\":5,\"tagGroups\":{\"vip\":\"" + s.other() + "\"}}",
                s.supervisor());
        JsonNode after = api.get(path, s.agent()).json();

        assertThat(defaults.path("graceSec").asInt()).isEqualTo(60);
        assertThat(put.status()).isEqualTo(200);
        assertThat(after.path("graceSec").asInt()).isEqualTo(5);
        assertThat(after.path("tagGroups").path("vip").asText()).isEqualTo(s.other());
        assertThat(after.path("stickyDays").asInt()).as("fields not sent keep their value").isEqualTo(7);
    }

    @Test
    void aPlainAgentCannotChangeSettingsAndAnotherShopCannotReadThem() {
        Shop s = shop("Walls");
        Shop other = shop("Other");
        String path = "/api/v1/shops/" + s.id() + "/routing";

        assertThat(api.call("PUT", path, "{\"graceSec\":5}", s.agent()).code()).isEqualTo("forbidden");
        assertThat(api.get(path, other.supervisor()).status()).isEqualTo(403);
        assertThat(api.call("PATCH", "/api/v1/shops/" + s.id() + "/groups/" + s.group(), "{\"strategy\":\"manual\"}",
                s.agent()).code()).isEqualTo("forbidden");
        assertThat(api.call("PATCH", "/api/v1/shops/" + other.id() + "/groups/" + s.group(), "{\"strategy\":\"manual\"}",
                other.supervisor()).code()).as("another shop's group id").isEqualTo("not_found");
        assertThat(api.call("PATCH", "/api/v1/shops/" + other.id() + "/agents/" + s.agentId(), "{\"maxConcurrent\":3}",
                other.supervisor()).code()).isEqualTo("not_found");
    }

    @Test
    void badSettingsNameTheField() {
        Shop s = shop("Bad settings");
        String path = "/api/v1/shops/" + s.id() + "/routing";

        ApiFixture.Reply zone = api.call("PUT", path, "{\"timeZone\":\"Nowhere/City\"}", s.supervisor());
        ApiFixture.Reply hours = api.call("PUT", path,
                "{\"businessHours\":[{\"days\":[\"mon\"],\"from\":\"8am\",\"to\":\"23:00\"}]}", s.supervisor());
        ApiFixture.Reply negative = api.call("PUT", path, "{\"queueTimeoutSec\":-1}", s.supervisor());
        ApiFixture.Reply unknownGroup = api.call("PUT", path, "{\"tagGroups\":{\"vip\":\"nope\"}}", s.supervisor());

        assertThat(zone.code()).isEqualTo("bad_frame");
        assertThat(zone.message()).contains("'timeZone'");
        assertThat(hours.message()).contains("'businessHours[0].from'");
        assertThat(negative.message()).contains("'queueTimeoutSec'");
        assertThat(unknownGroup.code()).isEqualTo("bad_frame");
        assertThat(unknownGroup.message()).contains("'tagGroups.vip'");
        assertThat(api.get(path, s.agent()).json().path("timeZone").asText()).as("nothing stored")
                .isEqualTo("Asia/Shanghai");
    }

    @Test
    void aGroupsStrategyDefaultAndOverflowChange() {
        Shop s = shop("Groups");
        String path = "/api/v1/shops/" + s.id() + "/groups/" + s.other();

        ApiFixture.Reply r = api.call("PATCH", path, "{\"strategy\":\"round-robin\",\"isDefault\":true,"
                + "\"overflowTo\":\"" + s.group() + "\",\"overflowAfterSec\":60}", s.supervisor());
        JsonNode groups = api.get("/api/v1/shops/" + s.id() + "/groups", s.agent()).json().path("groups");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("strategy").asText()).isEqualTo("round-robin");
        assertThat(groups.get(0).path("isDefault").asBoolean()).as("the old default gave it up").isFalse();
        assertThat(groups.get(1).path("isDefault").asBoolean()).isTrue();
        assertThat(groups.get(1).path("overflowTo").asText()).isEqualTo(s.group());
        assertThat(api.call("PATCH", path, "{\"strategy\":\"fastest\"}", s.supervisor()).message())
                .contains("'strategy'");
        assertThat(api.call("PATCH", path, "{\"overflowTo\":\"" + s.other() + "\"}", s.supervisor()).message())
                .contains("'overflowTo'");
        assertThat(api.call("PATCH", path, "{\"isDefault\":false}", s.supervisor()).code()).isEqualTo("invalid_state");
    }

    @Test
    void anAgentsShiftsCapacityAndGroupsChange() {
        Shop s = shop("Staff");
        String path = "/api/v1/shops/" + s.id() + "/agents/" + s.agentId();

        ApiFixture.Reply r = api.call("PATCH", path, "{\"maxConcurrent\":7,\"groups\":[\"" + s.other() + "\"],"
                + "\"shifts\":[{\"days\":[\"sat\",\"sun\"],\"from\":\"22:00\",\"to\":\"06:00\"}]}", s.supervisor());

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("maxConcurrent").asInt()).isEqualTo(7);
        assertThat(r.json().path("groups").toString()).isEqualTo("[\"" + s.other() + "\"]");
        assertThat(r.json().path("shifts").get(0).path("days").toString()).isEqualTo("[\"sat\",\"sun\"]");
        assertThat(api.shops.findAgent(s.agentId()).orElseThrow().shifts().windows()).hasSize(1);
        assertThat(api.call("PATCH", path, "{\"shifts\":[{\"days\":[\"sat\"],\"from\":\"22:00\"}]}", s.supervisor())
                .message()).contains("'shifts[0].to'");
        assertThat(api.call("PATCH", path, "{\"groups\":[\"nope\"]}", s.supervisor()).code()).isEqualTo("not_found");
    }

    @Test
    void onlyAShopAdminChangesRolesAndPasswords() {
        Shop s = shop("Roles");
        String path = "/api/v1/shops/" + s.id() + "/agents/" + s.agentId();

        assertThat(api.call("PATCH", path, "{\"role\":\"admin\"}", s.supervisor()).code()).isEqualTo("forbidden");
        assertThat(api.call("PATCH", path, "{\"password\":\"a-new-password\"}", s.admin()).status()).isEqualTo(200);
        assertThat(api.post("/api/v1/auth/agent", "{\"shopId\":\"" + s.id() + "\",\"username\":\"agent\","
                + "\"password\":\"a-new-password\"}", null).status()).isEqualTo(200);
    }

    @Test
    void staffTagABuyerForTheirShopOnly() {
        Shop s = shop("Buyers");
        Shop other = shop("Buyers elsewhere");
        api.buyerToken("b-tagged");

        ApiFixture.Reply r = api.call("PUT", "/api/v1/shops/" + s.id() + "/buyers/b-tagged",
                "{\"tags\":[\"vip\",\"wholesale\"],\"note\":\"prefers SF Express\"}", s.agent());
        ApiFixture.Reply noteOnly = api.call("PUT", "/api/v1/shops/" + s.id() + "/buyers/b-tagged",
                "{\"note\":\"call after 6pm\"}", s.agent());

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("tags").toString()).isEqualTo("[\"vip\",\"wholesale\"]");
        assertThat(noteOnly.json().path("tags").toString()).as("tags kept").isEqualTo("[\"vip\",\"wholesale\"]");
        assertThat(noteOnly.json().path("note").asText()).isEqualTo("call after 6pm");
        assertThat(api.buyers.findShopBuyer(other.id(), "b-tagged")).isEmpty();
        assertThat(api.call("PUT", "/api/v1/shops/" + s.id() + "/buyers/b-tagged", "{\"tags\":[\"a,b\"]}", s.agent())
                .message()).contains("'tags'");
        assertThat(api.call("PUT", "/api/v1/shops/" + s.id() + "/buyers/b-tagged", "{\"tags\":[\"x\"]}",
                other.agent()).code()).isEqualTo("forbidden");
    }
}
