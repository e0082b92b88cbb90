package io.kefu.server.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kefu.client.Encoding;
import io.kefu.protocol.ConvAssigned;
import io.kefu.protocol.ConvTransferred;
import io.kefu.protocol.Entry;
import io.kefu.server.TestClients;
import io.kefu.server.TestServer;
import io.kefu.server.demo.DemoInfo;
import io.kefu.server.demo.DemoSeeder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The pages in a real Chromium against a real server with the demo shop: a buyer on {@code /demo} and an
 * agent on {@code /console} chat both ways, quick reply by {@code /shortcut}, transfer with a note, close and
 * rating, queue position, reconnect with every message shown once, a hostile message shown as text. Takes
 * the screenshots shown in {@code docs/} (written to {@code target/screenshots} unless {@code -Dkefu.screenshots}
 * names another directory). Elements are found by their {@code data-test} hooks.
 */
@Timeout(180)
class PagesIT {
    @RegisterExtension
    static final TestServer server = TestServer.h2();
    @TempDir
    static Path dataDir;
    private static DemoInfo demo;
    private static Browser buyerBrowser;
    private static Browser agentBrowser;

    @BeforeAll
    static void seedDemoAndOpenBrowsers() throws Exception {
        var s = server.server().services();
        demo = new DemoSeeder(s.shops(), s.store(), s.auth(), s.hasher(), dataDir).seed().get(30, TimeUnit.SECONDS);
        s.routers().refresh(demo.shopId());
        server.server().demoReady(demo);
        buyerBrowser = Browser.open();
        agentBrowser = Browser.open();
    }

    @AfterAll
    static void closeBrowsers() {
        for (Browser b : new Browser[] {buyerBrowser, agentBrowser}) {
            if (b != null) {
                b.close();
            }
        }
    }

    @Test
    void buyerAndAgentChatWithQuickReplyAHostileMessageShownAsTextThenCloseAndRating() {
        server.post("/api/v1/shops/" + demo.shopId() + "/scripts", TestServer.ADMIN_KEY, TestServer.obj()
                .put("scope", "shop").put("category", "问候").put("title", "问候 Greeting").put("shortcut", "hi")
                .put("body", "您好，请问有什么可以帮您？"));
        loginAgent("agent1");
        openDemo("demo-story");

        type(buyerBrowser, "composer", "在吗？这件有 XL 吗" + Keys.ENTER);
        WebElement item = await().until(() -> conversationOf(agentBrowser, "demo-story"), e -> e != null);
        item.click();
        awaitMessage(agentBrowser, "在吗？这件有 XL 吗");
        assertThat(hook(agentBrowser, "buyer-panel").getText()).contains("demo-story");

        type(agentBrowser, "composer", "/hi");
        await().until(() -> first(agentBrowser, "quick-reply") != null);
        hook(agentBrowser, "composer").sendKeys(Keys.ENTER);
        assertThat(hook(agentBrowser, "composer").getAttribute("value")).isEqualTo("您好，请问有什么可以帮您？");
        hook(agentBrowser, "composer").sendKeys(Keys.ENTER);
        awaitMessage(buyerBrowser, "您好，请问有什么可以帮您？");

        String hostile = "<img src=x onerror=\"window.__xss=1\">";
        type(buyerBrowser, "composer", hostile + Keys.ENTER);
        WebElement shown = awaitMessage(agentBrowser, hostile);
        assertThat(shown.findElements(By.tagName("img"))).isEmpty();
        assertThat(agentBrowser.js("return window.__xss === undefined && document.querySelectorAll('.msgs img').length;"))
                .isEqualTo(0L);
        assertThat(buyerBrowser.js("return window.__xss === undefined;")).isEqualTo(true);
        type(agentBrowser, "composer", "有的，XL 有货。" + Keys.ENTER);
        awaitMessage(buyerBrowser, "有的，XL 有货。");
        // target/ by default, so a build leaves the work tree clean; -Dkefu.screenshots=../docs/screenshots
        // refreshes the docs' pictures
        Path shots = Path.of(System.getProperty("kefu.screenshots", "target/screenshots"));
        agentBrowser.screenshot(shots.resolve("console.png"));
        buyerBrowser.screenshot(shots.resolve("widget.png"));

        hook(agentBrowser, "close").click();
        await().until(() -> all(buyerBrowser, "rating").size() == 5);
        all(buyerBrowser, "rating").get(4).click();
        await().until(() -> first(buyerBrowser, "rated") != null);
    }

    @Test
    void aTransferWithANoteReachesTheOtherAgent() {
        try (TestClients clients = new TestClients(server, Encoding.JSON)) {
            TestClients.Agent afterSales = clients.agent(loginToken("agent2"), true);
            loginAgent("agent1");
            openDemo("demo-transfer");
            type(buyerBrowser, "composer", "我想换货" + Keys.ENTER);
            WebElement item = await().until(() -> conversationOf(agentBrowser, "demo-transfer"), e -> e != null);
            item.click();
            awaitMessage(agentBrowser, "我想换货");

            hook(agentBrowser, "transfer").click();
            new Select(hook(agentBrowser, "transfer-agent")).selectByVisibleText("小周 Zhou");
            hook(agentBrowser, "transfer-note").sendKeys("换货，尺码不合适");
            hook(agentBrowser, "transfer-confirm").click();

            ConvTransferred moved = afterSales.pushes().await(ConvTransferred.class);
            assertThat(moved.note()).isEqualTo("换货，尺码不合适");
            await().until(() -> conversationOf(agentBrowser, "demo-transfer") == null);
            TestClients.join(afterSales.session().sendText(moved.conv(), "您好，我是售后小周"));
            awaitMessage(buyerBrowser, "您好，我是售后小周");
        }
    }

    @Test
    void theWidgetShowsItsQueuePositionAndUpdatesIt() {
        agentBrowser.driver().get("about:blank");
        try (TestClients clients = new TestClients(server, Encoding.JSON)) {
            // Nobody of after-sales is online: the first buyer waits at position 1.
            TestClients.Buyer first = clients.buyer("queue-first");
            String firstConv = TestClients.join(first.session().open(demo.shopId(), new Entry(Entry.ORDER, "o-1"), "退款"))
                    .conv();
            String token = server.buyerToken("queue-second");
            buyerBrowser.driver().get(server.baseUrl() + "/widget?shop=" + demo.shopId() + "#token=" + token
                    + "&entry=order&ref=o-2");
            type(buyerBrowser, "composer", "我的订单还没发货" + Keys.ENTER);

            await().until(() -> first(buyerBrowser, "queue-position") != null
                    && "2".equals(hook(buyerBrowser, "queue-position").getAttribute("data-position")));
            assertThat(hook(buyerBrowser, "queue-position").getText()).contains("排队", "position 2");
            TestClients.join(first.session().close(firstConv, "resolved"));
            await().until(() -> "1".equals(hook(buyerBrowser, "queue-position").getAttribute("data-position")));
        }
    }

    @Test
    void theWidgetReconnectsAfterTheServerDropsItAndShowsEveryMessageExactlyOnce() {
        agentBrowser.driver().get("about:blank");
        try (TestClients clients = new TestClients(server, Encoding.JSON)) {
            TestClients.Agent agent = clients.agent(loginToken("supervisor"), true);
            openDemo("demo-reconnect");
            type(buyerBrowser, "composer", "第一条" + Keys.ENTER);
            ConvAssigned assigned = agent.pushes().await(ConvAssigned.class,
                    a -> a.buyer() != null && a.buyer().id().equals("demo-reconnect"));
            agent.pushes().await(io.kefu.protocol.Msg.class, m -> m.conv().equals(assigned.conv()));
            TestClients.join(agent.session().sendText(assigned.conv(), "回复一"));
            awaitMessage(buyerBrowser, "回复一");

            server.server().services().sessions().connections("demo-reconnect").forEach(c -> c.channel().close());
            await().until(() -> hook(buyerBrowser, "connection").isDisplayed());
            TestClients.join(agent.session().sendText(assigned.conv(), "回复二"));
            awaitMessage(buyerBrowser, "回复二");
            await().until(() -> !hook(buyerBrowser, "connection").isDisplayed());
            type(buyerBrowser, "composer", "第二条" + Keys.ENTER);
            awaitMessage(buyerBrowser, "第二条");

            List<String> texts = all(buyerBrowser, "message").stream().map(e -> e.findElement(By.className("bubble")).getText())
                    .toList();
            assertThat(texts).containsExactly("第一条", "回复一", "回复二", "第二条");
            List<String> seqs = all(buyerBrowser, "message").stream().map(e -> e.getAttribute("data-seq")).toList();
            assertThat(seqs).containsExactly("1", "2", "3", "4");
        }
    }

    private void loginAgent(String username) {
        agentBrowser.driver().get(server.baseUrl() + "/console");
        agentBrowser.js("sessionStorage.clear();");
        agentBrowser.driver().navigate().refresh();
        WebElement shop = await().until(() -> hook(agentBrowser, "login-shop"), e -> e != null);
        shop.clear();
        shop.sendKeys(demo.shopId());
        hook(agentBrowser, "login-username").sendKeys(username);
        hook(agentBrowser, "login-password").sendKeys(DemoSeeder.PASSWORD);
        hook(agentBrowser, "login-submit").click();
        WebElement status = await().until(() -> hook(agentBrowser, "status"), e -> e != null);
        await().until(() -> "open".equals(agentBrowser.js(
                "return document.querySelector('.banner') && document.querySelector('.banner').hidden ? 'open' : 'no';")));
        new Select(status).selectByValue("online");
        String agentId = demo.logins().stream().filter(l -> l.username().equals(username)).findFirst().orElseThrow()
                .agentId();
        await().until(() -> server.request("GET", "/api/v1/shops/" + demo.shopId() + "/queue", TestServer.ADMIN_KEY, null)
                .body().matches("(?s).*\\{\"id\":\"" + agentId + "\",[^}]*\"status\":\"online\".*"));
    }

    private static TestServer.Login loginToken(String username) {
        String agentId = demo.logins().stream().filter(l -> l.username().equals(username)).findFirst().orElseThrow()
                .agentId();
        var ok = server.post("/api/v1/auth/agent", null, TestServer.obj().put("shopId", demo.shopId())
                .put("username", username).put("password", DemoSeeder.PASSWORD));
        return new TestServer.Login(agentId, ok.get("token").asText());
    }

    private void openDemo(String buyerId) {
        buyerBrowser.driver().get(server.baseUrl() + "/demo?buyer=" + buyerId);
        await().until(() -> {
            WebElement conn = buyerBrowser.driver().findElement(By.className("kw-conn"));
            return conn.getText().contains("已连接");
        });
    }

    private static WebElement awaitMessage(Browser b, String text) {
        return await().atMost(Duration.ofSeconds(15)).until(() -> all(b, "message").stream()
                .filter(e -> e.findElement(By.className("bubble")).getText().equals(text)).findFirst().orElse(null),
                e -> e != null);
    }

    private static WebElement conversationOf(Browser b, String buyerId) {
        return all(b, "conversation").stream().filter(e -> e.getText().contains(buyerId)).findFirst().orElse(null);
    }

    private static void type(Browser b, String hook, CharSequence text) {
        WebElement el = await().until(() -> hook(b, hook), e -> e != null && e.isEnabled());
        el.sendKeys(text);
    }

    private static WebElement hook(Browser b, String name) {
        return first(b, name);
    }

    private static WebElement first(Browser b, String name) {
        List<WebElement> found = all(b, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<WebElement> all(Browser b, String name) {
        return b.driver().findElements(By.cssSelector("[data-test=\"" + name + "\"]"));
    }
}
