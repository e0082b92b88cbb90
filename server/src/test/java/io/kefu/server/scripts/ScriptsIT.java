package io.kefu.server.scripts;

import static io.kefu.server.TestServer.ADMIN_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kefu.server.TestServer;
import io.kefu.server.TestServer.ShopFixture;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quick replies against a real server over loopback HTTP, with BlockHound watching the event loops:
 * the wiring, the V3 migration, searches that see every change at once while others search in parallel,
 * and use counts that survive a restart.
 */
@Timeout(120)
class ScriptsIT {
    @RegisterExtension
    static final TestServer server = TestServer.h2();

    private static String scripts(ShopFixture shop) {
        return "/api/v1/shops/" + shop.shopId() + "/scripts";
    }

    private static List<String> titles(TestServer on, ShopFixture shop, String q, String token) {
        HttpResponse<String> r = on.request("GET", scripts(shop) + "?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8),
                token, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<String> titles = new ArrayList<>();
        TestServer.parse(r.body()).path("scripts").forEach(s -> titles.add(s.path("title").asText()));
        return titles;
    }

    private static String create(TestServer on, ShopFixture shop, String token, String scope, String title,
                                 String shortcut) {
        return on.post(scripts(shop), token, TestServer.obj().put("scope", scope).put("category", "通用")
                .put("title", title).put("shortcut", shortcut).put("body", "{buyer.name}您好，" + title)).path("id").asText();
    }

    @Test
    void changesAreSearchableAtOnceWhileOthersSearch() throws Exception {
        ShopFixture shop = server.newShop();
        for (int i = 0; i < 50; i++) {
            create(server, shop, shop.supervisor().token(), "shop", "常用话术 " + i, "cy" + i);
        }
        ExecutorService searchers = Executors.newFixedThreadPool(4);
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            running.add(searchers.submit(() -> {
                for (int i = 0; i < 40; i++) {
                    assertThat(titles(server, shop, "常用", shop.agent2().token())).isNotEmpty();
                }
            }));
        }

        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String id = create(server, shop, shop.supervisor().token(), "shop", "新话术" + i, "xhs" + i);
            seen.addAll(titles(server, shop, "xhs" + i, shop.agent1().token()));
            HttpResponse<String> put = server.request("PUT", scripts(shop) + "/" + id, shop.supervisor().token(),
                    TestServer.obj().put("title", "改过的话术" + i));
            assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
            seen.addAll(titles(server, shop, "xhs" + i, shop.agent1().token()));
        }
        for (Future<?> f : running) {
            f.get(60, TimeUnit.SECONDS);
        }
        searchers.shutdown();

        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            expected.add("新话术" + i);
            expected.add("改过的话术" + i);
        }
        assertThat(seen).containsExactlyElementsOf(expected);
    }

    @Test
    void aPersonalScriptStaysWithItsOwnerAndAnExportImportsIntoAnotherShop() {
        ShopFixture shop = server.newShop();
        ShopFixture other = server.newShop();
        create(server, shop, shop.supervisor().token(), "shop", "退款流程", "tk");
        create(server, shop, shop.agent1().token(), "personal", "我的退款话术", "mytk");

        HttpResponse<String> csv = server.request("GET", scripts(shop) + "/export?format=csv", shop.supervisor().token(),
                null);
        JsonNode imported = server.post(scripts(other) + "/import?format=csv", ADMIN_KEY, csv.body());

        assertThat(titles(server, shop, "退款", shop.agent1().token())).containsExactly("退款流程", "我的退款话术");
        assertThat(titles(server, shop, "退款", shop.agent2().token())).containsExactly("退款流程");
        assertThat(csv.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
        assertThat(imported.path("imported").asInt()).isEqualTo(1);
        assertThat(titles(server, other, "tk", other.agent1().token())).containsExactly("退款流程");
    }

    @Test
    void useCountsSurviveARestart(@TempDir Path dir) {
        TestServer restarting = TestServer.h2File(dir);
        restarting.start();
        ShopFixture shop;
        String rare;
        String popular;
        try {
            shop = restarting.newShop();
            rare = create(restarting, shop, shop.supervisor().token(), "shop", "发货时间 A", null);
            popular = create(restarting, shop, shop.supervisor().token(), "shop", "发货时间 B", null);
            ScriptLibrary library = restarting.server().services().scripts();
            for (int i = 0; i < 3; i++) {
                library.recordUse(shop.shopId(), popular);
            }
            assertThat(titles(restarting, shop, "发货", shop.agent1().token())).containsExactly("发货时间 B", "发货时间 A");
        } finally {
            restarting.stop();
        }

        restarting.start();
        try {
            HttpResponse<String> r = restarting.request("GET", scripts(shop) + "?q=" + URLEncoder.encode("发货",
                    StandardCharsets.UTF_8), shop.agent1().token(), null);
            JsonNode found = TestServer.parse(r.body()).path("scripts");
            assertThat(found.get(0).path("id").asText()).isEqualTo(popular);
            assertThat(found.get(0).path("uses").asInt()).isEqualTo(3);
            assertThat(found.get(1).path("id").asText()).isEqualTo(rare);
        } finally {
            restarting.stop();
        }
    }
}
