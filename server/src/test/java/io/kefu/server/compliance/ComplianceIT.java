package io.kefu.server.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kefu.server.TestServer;
import io.kefu.server.TestServer.ShopFixture;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The filter as the server wires it: rules set over HTTP apply to checks, a check and an audit on a thread
 * named like a router lane block nothing (BlockHound, through {@link TestServer}), and the audit log reads back
 * over HTTP.
 */
@Timeout(60)
class ComplianceIT {
    @RegisterExtension
    static final TestServer server = TestServer.h2();

    private static ComplianceFilter filter() {
        return server.server().services().compliance().filter();
    }

    /** Runs {@code work} on a thread that BlockHound treats as a router lane. */
    private static <T> T onLane(java.util.function.Supplier<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread lane = new Thread(() -> {
            try {
                result.complete(work.get());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }, "kefu-router-compliance-probe");
        lane.start();
        return result.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aShopRuleSetOverHttpBlocksAndTheAuditReadsBack() throws Exception {
        ShopFixture shop = server.newShop();
        JsonNode rule = server.post("/api/v1/shops/" + shop.shopId() + "/rules", shop.supervisor().token(),
                TestServer.obj().put("name", "no fakes").put("type", "phrase").put("pattern", "假货"));

        Verdict beforeLoad = onLane(() -> filter().check(shop.shopId(), "agent", "加我微信 ab123489"));
        filter().prepare(shop.shopId()).get(10, TimeUnit.SECONDS);
        Verdict fake = onLane(() -> {
            Verdict v = filter().check(shop.shopId(), "agent", "这不是假货");
            filter().audit(shop.shopId(), Sender.AGENT, shop.agent1().id(), "conv-1", v, "这不是假货");
            return v;
        });
        onLane(() -> {
            String text = "有事打 138 1234 5678";
            filter().audit(shop.shopId(), Sender.BOT, null, "conv-1", filter().check(shop.shopId(), "bot", text), text);
            return null;
        });

        assertThat(beforeLoad.blocked()).as("built-in rules apply at once").isTrue();
        assertThat(fake).isInstanceOfSatisfying(Verdict.Block.class,
                b -> assertThat(b.rule().id()).isEqualTo(rule.path("id").asText()));
        JsonNode entries = await().atMost(10, TimeUnit.SECONDS).until(() -> TestServer.parse(server.request("GET",
                "/api/v1/shops/" + shop.shopId() + "/audit", shop.supervisor().token(), null).body()).path("entries"),
                e -> e.size() == 2);
        assertThat(entries.get(0).path("excerpt").asText()).isEqualTo("有事打 13****78");
        assertThat(entries.get(0).path("actor").path("type").asText()).isEqualTo("bot");
        assertThat(entries.get(1).path("rule").path("name").asText()).isEqualTo("no fakes");
        assertThat(entries.get(1).path("actor").path("id").asText()).isEqualTo(shop.agent1().id());
    }

    @Test
    void aPlatformRuleSetOverHttpAppliesToEveryShopAtOnce() throws Exception {
        ShopFixture shop = server.newShop();
        HttpResponse<String> created = server.request("POST", "/api/v1/rules", TestServer.ADMIN_KEY,
                TestServer.obj().put("name", "no brushing").put("type", "phrase").put("pattern", "刷单")
                        .put("action", "warn"));
        filter().prepare(shop.shopId()).get(10, TimeUnit.SECONDS);

        Verdict v = onLane(() -> filter().check(shop.shopId(), "agent", "不做刷单"));

        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(v).isInstanceOf(Verdict.Warn.class);
    }
}
