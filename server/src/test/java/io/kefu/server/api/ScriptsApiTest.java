package io.kefu.server.api;

import static io.kefu.server.api.ApiFixture.ADMIN_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kefu.server.scripts.ScriptLimits;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Quick replies over HTTP (contract §6) on the real H2 store: ranking, visibility, roles, walls, import, export. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScriptsApiTest {
    private final ApiFixture api = new ApiFixture(ScriptLimits.DEFAULT.withMaxPerShop(8));

    @AfterAll
    void close() {
        api.close();
    }

    private record Shop(String id, String agentId, String agent, String agent2, String supervisor, String admin) {
        String scripts() {
            return "/api/v1/shops/" + id + "/scripts";
        }
    }

    private Shop shop(String name) {
        String shop = api.createShop(name);
        String g = api.createGroup(shop, "{\"name\":\"pre\"}");
        String agentId = api.createStaff(shop, "agent", "agent", List.of(g));
        api.createStaff(shop, "agent2", "agent", List.of(g));
        api.createStaff(shop, "sup", "supervisor", List.of(g));
        api.createStaff(shop, "boss", "admin", List.of());
        return new Shop(shop, agentId, api.login(shop, "agent"), api.login(shop, "agent2"), api.login(shop, "sup"),
                api.login(shop, "boss"));
    }

    private String create(Shop s, String bearer, String scope, String category, String title, String shortcut,
                          String body) {
        return api.post(s.scripts(), json(scope, category, title, shortcut, body), bearer).id();
    }

    private static String json(String scope, String category, String title, String shortcut, String body) {
        return "{\"scope\":\"" + scope + "\",\"category\":\"" + category + "\",\"title\":\"" + title + "\","
                + (shortcut == null ? "" : "\"shortcut\":\"" + shortcut + "\",") + "\"body\":\"" + body + "\"}";
    }

    private List<String> titles(Shop s, String query, String bearer) {
        ApiFixture.Reply r = api.get(s.scripts() + "?q=" + encode(query), bearer);
        assertThat(r.status()).as("search %s", r.json()).isEqualTo(200);
        List<String> titles = new ArrayList<>();
        r.json().path("scripts").forEach(x -> titles.add(x.path("title").asText()));
        return titles;
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A response that need not be JSON (an export), body as text. */
    private record Raw(int status, String contentType, String disposition, String body) {
    }

    private Raw raw(HttpMethod method, String uri, String body, String bearer) {
        api.channel.writeInbound(ApiFixture.request(method, uri, body, bearer));
        for (int i = 0; i < 20; i++) {
            api.channel.runPendingTasks();
            FullHttpResponse response = api.channel.readOutbound();
            if (response != null) {
                try {
                    return new Raw(response.status().code(), response.headers().get(HttpHeaderNames.CONTENT_TYPE),
                            response.headers().get(HttpHeaderNames.CONTENT_DISPOSITION),
                            response.content().toString(StandardCharsets.UTF_8));
                } finally {
                    response.release();
                }
            }
            api.store.drain();
            api.auth.drain();
        }
        throw new AssertionError("no response");
    }

    @Test
    void searchRanksShortcutThenPrefixThenTitleThenBody() {
        Shop s = shop("Ranking");
        create(s, s.supervisor(), "shop", "物流", "物流说明", null, "已发顺丰，单号见订单 fh");
        create(s, s.supervisor(), "shop", "物流", "FH 催发货", null, "马上为您催");
        create(s, s.supervisor(), "shop", "物流", "发货时间", "fhsj", "48小时内发货");
        create(s, s.supervisor(), "shop", "物流", "发货", "fh", "今天发货");

        assertThat(titles(s, "ＦＨ", s.agent())).containsExactly("发货", "发货时间", "FH 催发货", "物流说明");
        assertThat(titles(s, "发货 48", s.agent())).containsExactly("发货时间");
        ApiFixture.Reply limited = api.get(s.scripts() + "?q=fh&limit=1", s.agent());
        assertThat(limited.json().path("scripts")).hasSize(1);
        JsonNode top = limited.json().path("scripts").get(0);
        assertThat(top.path("shortcut").asText()).isEqualTo("fh");
        assertThat(top.path("scope").asText()).isEqualTo("shop");
        assertThat(top.path("category").asText()).isEqualTo("物流");
        assertThat(top.path("body").asText()).isEqualTo("今天发货");
        assertThat(top.path("uses").asLong()).isZero();
        assertThat(top.path("updatedAt").asLong()).isPositive();
        assertThat(top.has("id")).isTrue();
        assertThat(api.get(s.scripts() + "?category=" + encode("物流") + "&q=" + encode("催"), s.agent())
                .json().path("scripts")).hasSize(1);
    }

    @Test
    void anEditIsSearchableAtOnceAndASearchIsServedFromTheCache() {
        Shop s = shop("Cache");
        String id = create(s, s.supervisor(), "shop", "售后", "退款流程", "tk", "请在订单页申请退款");
        assertThat(titles(s, "退款", s.agent())).containsExactly("退款流程");

        int before = api.store.submitted();
        List<String> cached = titles(s, "tk", s.agent2());
        int byCachedSearch = api.store.submitted() - before;
        ApiFixture.Reply put = api.call("PUT", s.scripts() + "/" + id, "{\"title\":\"极速退款\",\"shortcut\":\"jstk\"}",
                s.supervisor());
        List<String> afterEdit = titles(s, "极速", s.agent());
        List<String> oldTitle = titles(s, "流程", s.agent());
        api.call("DELETE", s.scripts() + "/" + id, null, s.admin());
        List<String> afterDelete = titles(s, "退款", s.agent());

        assertThat(cached).containsExactly("退款流程");
        assertThat(byCachedSearch).as("store tasks of a search on a loaded shop").isZero();
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.json().path("title").asText()).isEqualTo("极速退款");
        assertThat(put.json().path("body").asText()).as("fields not sent stay").isEqualTo("请在订单页申请退款");
        assertThat(afterEdit).containsExactly("极速退款");
        assertThat(oldTitle).isEmpty();
        assertThat(afterDelete).isEmpty();
    }

    @Test
    void personalScriptsAreInvisibleToEveryoneButTheirOwner() {
        Shop s = shop("Personal");
        create(s, s.supervisor(), "shop", "通用", "店铺欢迎语", "hi", "您好，欢迎光临");
        String mine = create(s, s.agent(), "personal", "我的", "我的欢迎语", "hi", "您好呀，我是小李");

        assertThat(titles(s, "欢迎", s.agent())).containsExactly("店铺欢迎语", "我的欢迎语");
        assertThat(titles(s, "hi", s.agent())).as("both shortcuts are exact").hasSize(2);
        assertThat(titles(s, "欢迎", s.agent2())).containsExactly("店铺欢迎语");
        assertThat(titles(s, "欢迎", s.supervisor())).containsExactly("店铺欢迎语");
        assertThat(titles(s, "欢迎", ADMIN_KEY)).containsExactly("店铺欢迎语");
        assertThat(api.call("PUT", s.scripts() + "/" + mine, "{\"title\":\"x\"}", s.agent2()).code()).isEqualTo("not_found");
        assertThat(api.call("PUT", s.scripts() + "/" + mine, "{\"title\":\"x\"}", s.supervisor()).code())
                .isEqualTo("not_found");
        assertThat(api.call("DELETE", s.scripts() + "/" + mine, null, s.admin()).code()).isEqualTo("not_found");
        assertThat(api.call("PUT", s.scripts() + "/" + mine, "{\"title\":\"我的新欢迎语\"}", s.agent()).status())
                .isEqualTo(200);
        JsonNode categories = api.get(s.scripts() + "/categories", s.agent2()).json().path("categories");
        assertThat(categories.toString()).isEqualTo("[{\"name\":\"通用\",\"count\":1}]");
    }

    @Test
    void rolesDecideWhoWritesShopScripts() {
        Shop s = shop("Roles");

        ApiFixture.Reply byAgent = api.post(s.scripts(), json("shop", "c", "t", null, "b"), s.agent());
        String bySupervisor = create(s, s.supervisor(), "shop", "c", "t", null, "b");
        String byAdminKey = create(s, ADMIN_KEY, "shop", "c", "t2", null, "b");
        ApiFixture.Reply personalByAdminKey = api.post(s.scripts(), json("personal", "c", "t", null, "b"), ADMIN_KEY);

        assertThat(byAgent.status()).isEqualTo(403);
        assertThat(byAgent.code()).isEqualTo("forbidden");
        assertThat(bySupervisor).isNotBlank();
        assertThat(byAdminKey).isNotBlank();
        assertThat(personalByAdminKey.code()).isEqualTo("forbidden");
        assertThat(api.call("PUT", s.scripts() + "/" + bySupervisor, "{\"body\":\"x\"}", s.agent()).code())
                .isEqualTo("forbidden");
        assertThat(api.call("DELETE", s.scripts() + "/" + bySupervisor, null, s.agent()).code()).isEqualTo("forbidden");
        assertThat(api.call("POST", s.scripts() + "/categories/rename", "{\"from\":\"c\",\"to\":\"d\"}", s.agent())
                .code()).isEqualTo("forbidden");
        assertThat(api.get(s.scripts() + "/export", s.agent()).code()).isEqualTo("forbidden");
        assertThat(api.post(s.scripts() + "/import", "{\"scripts\":[]}", s.agent()).code()).isEqualTo("forbidden");
        assertThat(api.call("PUT", s.scripts() + "/" + bySupervisor, "{\"body\":\"新的\"}", s.admin()).status())
                .isEqualTo(200);
    }

    @Test
    void tenantWallsHold() {
        Shop s = shop("Walls");
        Shop other = shop("Walls elsewhere");
        String id = create(s, s.supervisor(), "shop", "通用", "欢迎", null, "您好");
        String buyer = api.buyerToken("b-scripts");

        assertThat(api.get(s.scripts() + "?q=x", other.supervisor()).code()).isEqualTo("forbidden");
        assertThat(api.get(s.scripts(), buyer).code()).isEqualTo("forbidden");
        assertThat(api.get(s.scripts(), null).code()).isEqualTo("unauthorized");
        assertThat(api.call("PUT", other.scripts() + "/" + id, "{\"title\":\"x\"}", other.supervisor()).code())
                .as("another shop's script id").isEqualTo("not_found");
        assertThat(api.call("DELETE", other.scripts() + "/" + id, null, other.admin()).code()).isEqualTo("not_found");
        assertThat(titles(other, "欢迎", other.agent())).isEmpty();
        assertThat(api.call("PUT", s.scripts() + "/" + id, "{\"title\":\"x\"}", other.admin()).code())
                .isEqualTo("forbidden");
    }

    @Test
    void badInputNamesTheField() {
        Shop s = shop("Bad input");

        assertThat(api.get(s.scripts() + "?limit=0", s.agent()).message()).contains("'limit'");
        assertThat(api.get(s.scripts() + "?q=" + "x".repeat(101), s.agent()).message()).contains("'q'");
        assertThat(api.post(s.scripts(), "{\"scope\":\"team\",\"category\":\"c\",\"title\":\"t\",\"body\":\"b\"}",
                s.supervisor()).message()).contains("'scope'");
        assertThat(api.post(s.scripts(), "{\"scope\":\"shop\",\"category\":\"c\",\"body\":\"b\"}", s.supervisor())
                .message()).contains("'title'");
        assertThat(api.post(s.scripts(), json("shop", "c", "t", "a b", "b"), s.supervisor()).message())
                .contains("'shortcut'");
        assertThat(api.post(s.scripts(), json("shop", "c", "t", null, "x".repeat(2_001)), s.supervisor()).message())
                .contains("'body'").contains("2000");
        assertThat(api.post(s.scripts(), json("shop", "c", "t", null, "{buyer.nmae}好"), s.supervisor()).message())
                .contains("{buyer.nmae}");
        String id = create(s, s.supervisor(), "shop", "c", "t", "dup", "b");
        assertThat(api.post(s.scripts(), json("shop", "c", "t", "DUP", "b"), s.supervisor()).code())
                .isEqualTo("invalid_state");
        assertThat(api.call("PUT", s.scripts() + "/" + id, "{}", s.supervisor()).message()).contains("nothing to change");
        assertThat(api.call("PUT", s.scripts() + "/" + id, "{\"scope\":\"personal\"}", s.supervisor()).message())
                .contains("nothing to change");
        assertThat(api.call("PUT", s.scripts() + "/" + id, "{\"scope\":\"personal\",\"title\":\"x\"}", s.supervisor())
                .message()).contains("'scope' cannot change");
        assertThat(api.get(s.scripts() + "/export?format=xlsx", s.supervisor()).message()).contains("'format'");
    }

    @Test
    void aCsvImportTakesTheGoodRowsAndReportsTheBadOnesByLine() {
        Shop s = shop("Import");
        create(s, s.supervisor(), "shop", "通用", "欢迎", "hi", "您好");
        String csv = "scope,category,title,shortcut,body\r\n"
                + "shop,通用,欢迎,hi,您好\r\n"
                + "shop,售后,退款流程,tk,\"亲，退款请：\r\n1. 进入订单\r\n2. 申请退款\"\r\n"
                + "shop,售后,,x,没有标题\r\n"
                + "shop,售后,抢快捷键,hi,已被占用\r\n"
                + "shop,物流,\"坏引号\"x,,b\r\n"
                + "shop,物流,发货,fh,48小时内发货\r\n";

        ApiFixture.Reply r = api.post(s.scripts() + "/import?format=csv", csv, s.supervisor());

        assertThat(r.status()).as("import %s", r.json()).isEqualTo(200);
        assertThat(r.json().path("imported").asInt()).isEqualTo(2);
        assertThat(r.json().path("skipped").asInt()).isEqualTo(1);
        JsonNode errors = r.json().path("errors");
        assertThat(errors).extracting(e -> e.path("line").asInt()).containsExactly(6, 7, 8);
        assertThat(errors.get(0).path("message").asText()).contains("'title'");
        assertThat(errors.get(1).path("message").asText()).contains("'hi'");
        assertThat(errors.get(2).path("message").asText()).contains("closing quote");
        assertThat(titles(s, "退款", s.agent())).containsExactly("退款流程");
        assertThat(titles(s, "", s.agent())).hasSize(3);
    }

    @Test
    void aJsonImportCountsRowsFromOneAndTheShopLimitIsNamed() {
        Shop s = shop("Import JSON");
        StringBuilder rows = new StringBuilder();
        for (int i = 1; i <= 10; i++) {
            rows.append(i > 1 ? "," : "").append("{\"category\":\"c\",\"title\":\"t").append(i)
                    .append("\",\"body\":\"b\"}");
        }

        ApiFixture.Reply r = api.post(s.scripts() + "/import", "{\"scripts\":[" + rows + ",{\"title\":1}]}",
                s.supervisor());

        assertThat(r.json().path("imported").asInt()).isEqualTo(8);
        assertThat(r.json().path("errors")).extracting(e -> e.path("line").asInt()).containsExactly(9, 10, 11);
        assertThat(r.json().path("errors").get(0).path("message").asText()).contains("(8)");
        assertThat(api.post(s.scripts(), json("shop", "c", "one more", null, "b"), s.supervisor()).message())
                .contains("8");
        assertThat(api.post(s.scripts() + "/import?format=csv", "title,body\nx,y\n", s.supervisor()).message())
                .contains("header");
    }

    @Test
    void anExportReadsBackAsTheSameScripts() {
        Shop s = shop("Export");
        create(s, s.supervisor(), "shop", "售后", "退款, \\\"极速\\\"", "tk", "亲：\\n1. 申请退款");
        create(s, s.supervisor(), "shop", "通用", "欢迎", null, "您好");
        create(s, s.agent(), "personal", "我的", "不导出", null, "x");

        Raw csv = raw(HttpMethod.GET, s.scripts() + "/export?format=csv", null, s.supervisor());
        ApiFixture.Reply json = api.get(s.scripts() + "/export?format=json", s.admin());
        ApiFixture.Reply reimport = api.post(s.scripts() + "/import?format=csv", csv.body(), s.supervisor());
        ApiFixture.Reply reimportJson = api.post(s.scripts() + "/import", json.json().toString(), ADMIN_KEY);

        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.disposition()).isEqualTo("attachment; filename=\"scripts-" + s.id() + ".csv\"");
        assertThat(csv.body()).isEqualTo("scope,category,title,shortcut,body\r\n"
                + "shop,售后,\"退款, \"\"极速\"\"\",tk,\"亲：\n1. 申请退款\"\r\n"
                + "shop,通用,欢迎,,您好\r\n");
        assertThat(json.json().path("scripts")).extracting(x -> x.path("title").asText())
                .containsExactly("退款, \"极速\"", "欢迎");
        assertThat(reimport.json().path("imported").asInt()).isZero();
        assertThat(reimport.json().path("skipped").asInt()).isEqualTo(2);
        assertThat(reimport.json().path("errors")).isEmpty();
        assertThat(reimportJson.json().path("skipped").asInt()).isEqualTo(2);
    }

    @Test
    void managersRenameACategoryAndStaffCountThem() {
        Shop s = shop("Categories");
        create(s, s.supervisor(), "shop", "物流", "a", null, "b");
        create(s, s.supervisor(), "shop", "物流", "b", null, "b");
        create(s, s.supervisor(), "shop", "售后", "c", null, "b");
        create(s, s.agent(), "personal", "我的", "d", null, "b");

        JsonNode before = api.get(s.scripts() + "/categories", s.agent()).json();
        ApiFixture.Reply rename = api.post(s.scripts() + "/categories/rename", "{\"from\":\"物流\",\"to\":\"快递\"}",
                s.supervisor());
        JsonNode after = api.get(s.scripts() + "/categories", s.agent()).json();

        assertThat(before.toString()).isEqualTo("{\"categories\":[{\"name\":\"售后\",\"count\":1},"
                + "{\"name\":\"我的\",\"count\":1},{\"name\":\"物流\",\"count\":2}]}");
        assertThat(rename.json().path("renamed").asInt()).isEqualTo(2);
        assertThat(after.toString()).contains("{\"name\":\"快递\",\"count\":2}").doesNotContain("物流");
        assertThat(api.get(s.scripts() + "?category=" + encode("快递"), s.agent()).json().path("scripts")).hasSize(2);
    }
}
