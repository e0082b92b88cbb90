package io.kefu.server.api;

import static io.kefu.server.api.ApiFixture.ADMIN_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kefu.server.compliance.Sender;
import io.kefu.server.compliance.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Compliance rules and the audit log over HTTP (contract §8): roles, tenant walls, errors, and the filter's view. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComplianceApiTest {
    private final ApiFixture api = new ApiFixture();

    @AfterAll
    void close() {
        api.close();
    }

    private record Shop(String id, String agent, String supervisor, String admin) {
    }

    private Shop shop(String name) {
        String shop = api.createShop(name);
        String g = api.createGroup(shop, "{\"name\":\"pre\"}");
        api.createStaff(shop, "agent", "agent", List.of(g));
        api.createStaff(shop, "sup", "supervisor", List.of(g));
        api.createStaff(shop, "boss", "admin", List.of());
        return new Shop(shop, api.login(shop, "agent"), api.login(shop, "sup"), api.login(shop, "boss"));
    }

    private Verdict check(String shopId, String text) {
        api.filter.prepare(shopId);
        api.store.drain();
        return api.filter.check(shopId, Sender.AGENT, text);
    }

    @Test
    void theBuiltInRulesAreListedFirstAndCannotBeDeleted() {
        JsonNode rules = api.get("/api/v1/rules", ADMIN_KEY).json().path("rules");
        ApiFixture.Reply delete = api.call("DELETE", "/api/v1/rules/builtin-phone", null, ADMIN_KEY);

        List<String> ids = new ArrayList<>();
        rules.forEach(r -> ids.add(r.path("id").asText()));
        assertThat(ids).startsWith("builtin-wechat", "builtin-qq", "builtin-phone", "builtin-email", "builtin-url");
        JsonNode phone = rules.get(2);
        assertThat(phone.path("type").asText()).isEqualTo("contact");
        assertThat(phone.path("pattern").asText()).isEqualTo("phone");
        assertThat(phone.path("action").asText()).isEqualTo("block");
        assertThat(phone.path("appliesTo").toString()).isEqualTo("[\"agent\",\"bot\"]");
        assertThat(phone.path("builtIn").asBoolean()).isTrue();
        assertThat(delete.status()).isEqualTo(409);
        assertThat(delete.code()).isEqualTo("invalid_state");
    }

    @Test
    void onlyTheAdminKeyManagesPlatformRules() {
        Shop s = shop("Platform walls");

        assertThat(api.get("/api/v1/rules", s.admin()).code()).isEqualTo("forbidden");
        assertThat(api.post("/api/v1/rules", "{\"name\":\"x\",\"type\":\"phrase\",\"pattern\":\"x\"}", s.supervisor())
                .code()).isEqualTo("forbidden");
        assertThat(api.call("DELETE", "/api/v1/rules/123", null, s.admin()).code()).isEqualTo("forbidden");
        assertThat(api.get("/api/v1/rules", null).status()).isEqualTo(401);
    }

    @Test
    void aPlatformRuleIsAddedAppliedToEveryShopAndDeleted() {
        Shop a = shop("Platform A");
        Shop b = shop("Platform B");

        ApiFixture.Reply created = api.post("/api/v1/rules", "{\"name\":\"刷单\",\"type\":\"phrase\",\"pattern\":\"刷单\","
                + "\"variants\":[\"shua单\"],\"action\":\"block\",\"appliesTo\":[\"agent\",\"bot\"]}", ADMIN_KEY);
        String id = created.id();
        Verdict inA = check(a.id(), "可以 SHUA 单");
        Verdict inB = check(b.id(), "要刷单吗");
        ApiFixture.Reply deleted = api.call("DELETE", "/api/v1/rules/" + id, null, ADMIN_KEY);

        assertThat(created.json().path("variants").toString()).isEqualTo("[\"shua单\"]");
        assertThat(created.json().path("builtIn").asBoolean()).isFalse();
        assertThat(inA).isInstanceOfSatisfying(Verdict.Block.class, v -> assertThat(v.rule().id()).isEqualTo(id));
        assertThat(inB.blocked()).isTrue();
        assertThat(deleted.json().path("deleted").asBoolean()).isTrue();
        assertThat(check(a.id(), "要刷单吗").passed()).isTrue();
        assertThat(api.call("DELETE", "/api/v1/rules/" + id, null, ADMIN_KEY).code()).isEqualTo("not_found");
    }

    @Test
    void managersManageTheirShopsRulesAndTheNextCheckSeesThem() {
        Shop s = shop("Shop rules");
        String path = "/api/v1/shops/" + s.id() + "/rules";

        ApiFixture.Reply bySupervisor = api.post(path, "{\"name\":\"no fakes\",\"type\":\"phrase\",\"pattern\":\"假货\","
                + "\"action\":\"warn\"}", s.supervisor());
        Verdict warned = check(s.id(), "这不是假货");
        ApiFixture.Reply byAdmin = api.post(path, "{\"name\":\"buyer phones\",\"type\":\"contact\",\"pattern\":\"phone\","
                + "\"appliesTo\":[\"buyer\"]}", s.admin());
        ApiFixture.Reply byKey = api.post(path, "{\"name\":\"k\",\"type\":\"phrase\",\"pattern\":\"内部价\"}", ADMIN_KEY);
        JsonNode listed = api.get(path, s.supervisor()).json().path("rules");

        assertThat(bySupervisor.status()).isEqualTo(200);
        assertThat(bySupervisor.json().path("appliesTo").toString()).as("default").isEqualTo("[\"agent\",\"bot\"]");
        assertThat(warned).isInstanceOfSatisfying(Verdict.Warn.class,
                v -> assertThat(v.rule().id()).isEqualTo(bySupervisor.id()));
        assertThat(byAdmin.json().path("action").asText()).as("default").isEqualTo("block");
        assertThat(byKey.status()).isEqualTo(200);
        assertThat(listed).hasSize(3);
        assertThat(listed.get(0).path("name").asText()).isEqualTo("no fakes");

        ApiFixture.Reply deleted = api.call("DELETE", path + "/" + bySupervisor.id(), null, s.supervisor());
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(check(s.id(), "这不是假货").passed()).isTrue();
        assertThat(api.get(path, s.supervisor()).json().path("rules")).hasSize(2);
    }

    @Test
    void tenantWallsHold() {
        Shop s = shop("Walls");
        Shop other = shop("Other walls");
        String rule = api.post("/api/v1/shops/" + s.id() + "/rules", "{\"name\":\"n\",\"type\":\"phrase\",\"pattern\":\"秘密\"}",
                s.admin()).id();

        assertThat(api.get("/api/v1/shops/" + s.id() + "/rules", s.agent()).code()).isEqualTo("forbidden");
        assertThat(api.post("/api/v1/shops/" + s.id() + "/rules", "{\"name\":\"n\",\"type\":\"phrase\",\"pattern\":\"x\"}",
                s.agent()).code()).isEqualTo("forbidden");
        assertThat(api.get("/api/v1/shops/" + s.id() + "/audit", s.agent()).code()).isEqualTo("forbidden");
        assertThat(api.get("/api/v1/shops/" + s.id() + "/rules", other.supervisor()).code()).isEqualTo("forbidden");
        assertThat(api.call("DELETE", "/api/v1/shops/" + other.id() + "/rules/" + rule, null, other.admin()).code())
                .as("another shop's rule id").isEqualTo("not_found");
        assertThat(api.call("DELETE", "/api/v1/shops/" + s.id() + "/rules/builtin-phone", null, s.admin()).code())
                .isEqualTo("not_found");
        assertThat(api.call("DELETE", "/api/v1/rules/" + rule, null, ADMIN_KEY).code())
                .as("a shop rule is not a platform rule").isEqualTo("not_found");
        assertThat(api.get("/api/v1/shops/" + other.id() + "/rules", other.admin()).json().path("rules")).isEmpty();
        assertThat(check(other.id(), "这是秘密").passed()).isTrue();
        assertThat(check(s.id(), "这是秘密").blocked()).isTrue();
    }

    @Test
    void badRulesAreRefusedNamingTheField() {
        Shop s = shop("Bad rules");
        String path = "/api/v1/shops/" + s.id() + "/rules";

        assertThat(api.post(path, "{\"type\":\"phrase\",\"pattern\":\"x\"}", s.admin()).message()).contains("'name'");
        assertThat(api.post(path, "{\"name\":\"n\",\"type\":\"regex\",\"pattern\":\"x\"}", s.admin()).message())
                .contains("'type'");
        assertThat(api.post(path, "{\"name\":\"n\",\"type\":\"contact\",\"pattern\":\"skype\"}", s.admin()).message())
                .contains("'pattern'");
        assertThat(api.post(path, "{\"name\":\"n\",\"type\":\"phrase\",\"pattern\":\"?!\"}", s.admin()).message())
                .contains("'pattern'");
        assertThat(api.post(path, "{\"name\":\"n\",\"type\":\"phrase\",\"pattern\":\"x\",\"action\":\"ban\"}", s.admin())
                .message()).contains("'action'");
        assertThat(api.post(path, "{\"name\":\"n\",\"type\":\"phrase\",\"pattern\":\"x\",\"appliesTo\":[\"admin\"]}",
                s.admin()).message()).contains("'appliesTo'");
        assertThat(api.post(path, "{\"name\":\"n\",\"type\":\"phrase\",\"pattern\":\"x\",\"variants\":\"y\"}", s.admin())
                .message()).contains("'variants'");
        assertThat(api.post(path, "{\"name\":\"n\",\"type\":\"phrase\",\"pattern\":\"x\"}", s.admin()).status())
                .isEqualTo(200);
        assertThat(api.post("/api/v1/shops/no-such-shop/rules", "{\"name\":\"n\",\"type\":\"phrase\",\"pattern\":\"x\"}",
                ADMIN_KEY).code()).isEqualTo("not_found");
    }

    @Test
    void managersReadTheirShopsAuditLogNewestFirstMasked() {
        Shop s = shop("Audit");
        Shop other = shop("Other audit");
        String path = "/api/v1/shops/" + s.id() + "/audit";
        long t0 = api.clock.millis();
        for (String text : List.of("电话 13812345678", "加我微信 ab123489")) {
            Verdict v = check(s.id(), text);
            api.filter.audit(s.id(), Sender.AGENT, "agent-7", "conv-3", v, text);
            api.clock.advance(java.time.Duration.ofSeconds(1));
        }
        await().until(() -> api.auditWriter.written() >= 2);

        JsonNode entries = api.get(path, s.supervisor()).json().path("entries");
        JsonNode first = entries.get(0);

        assertThat(entries).hasSize(2);
        assertThat(first.path("excerpt").asText()).isEqualTo("加我微信 ab****89");
        assertThat(first.path("rule").path("id").asText()).isEqualTo("builtin-wechat");
        assertThat(first.path("rule").path("name").asText()).isNotBlank();
        assertThat(first.path("action").asText()).isEqualTo("block");
        assertThat(first.path("actor").path("type").asText()).isEqualTo("agent");
        assertThat(first.path("actor").path("id").asText()).isEqualTo("agent-7");
        assertThat(first.path("conv").asText()).isEqualTo("conv-3");
        assertThat(first.path("ts").asLong()).isEqualTo(t0 + 1_000);
        assertThat(entries.get(1).path("excerpt").asText()).isEqualTo("电话 13****78");
        assertThat(api.get(path + "?limit=1", s.admin()).json().path("entries")).hasSize(1);
        assertThat(api.get(path + "?from=" + (t0 + 1) + "&to=" + (t0 + 5_000), ADMIN_KEY).json().path("entries"))
                .hasSize(1);
        assertThat(api.get(path + "?limit=0", s.admin()).message()).contains("'limit'");
        assertThat(api.get(path + "?limit=501", s.admin()).message()).contains("'limit'");
        assertThat(api.get("/api/v1/shops/" + other.id() + "/audit", other.admin()).json().path("entries")).isEmpty();
    }
}
