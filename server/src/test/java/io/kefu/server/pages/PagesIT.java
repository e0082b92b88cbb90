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
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
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
 * agent on {@code /console} chat both ways, quick reply by {@code /shortcut} filled by the server, transfer
 * with a note, close and rating, queue position, reconnect with every message shown once, a hostile message
 * shown as text, a login by shop name, the buyer panel's saved note, a message blocked by a compliance rule,
 * the after-hours notice. Takes
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
                .put("body", "{buyer.name}您好，欢迎光临{shop.name}，请问有什么可以帮您？"));
        String greeting = "演示买家 demo-story您好，欢迎光临" + demo.shopName() + "，请问有什么可以帮您？";
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
        // script.fill: the server fills the variables from the conversation
        await().until(() -> hook(agentBrowser, "composer").getAttribute("value"), greeting::equals);
        hook(agentBrowser, "composer").sendKeys(Keys.ENTER);
        awaitMessage(buyerBrowser, greeting);

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
    void anAgentLoggedInByShopNameSeesTheBuyersSavedTagsAndNoteAgain() {
        // saved earlier, by another agent
        var known = TestServer.obj().put("note", "老客户 Regular");
        known.putArray("tags").add("回头客");
        assertThat(server.request("PUT", buyerPath("demo-panel"), TestServer.ADMIN_KEY, known).statusCode())
                .isEqualTo(200);
        loginAgent("agent1", demo.shopName());
        openDemo("demo-panel");
        type(buyerBrowser, "composer", "上次的订单到了吗" + Keys.ENTER);
        WebElement item = await().until(() -> conversationOf(agentBrowser, "demo-panel"), e -> e != null);
        item.click();

        await().until(() -> hook(agentBrowser, "buyer-note").getAttribute("value"), "老客户 Regular"::equals);
        assertThat(hook(agentBrowser, "buyer-panel").getText()).contains("回头客");
        WebElement note = hook(agentBrowser, "buyer-note");
        note.clear();
        note.sendKeys("改约周六送货 Deliver on Saturday");
        hook(agentBrowser, "buyer-save").click();
        await().until(() -> TestServer.parse(server.request("GET", buyerPath("demo-panel"), TestServer.ADMIN_KEY, null)
                .body()).path("note").asText(), "改约周六送货 Deliver on Saturday"::equals);

        agentBrowser.driver().navigate().refresh();
        await().until(() -> conversationOf(agentBrowser, "demo-panel"), e -> e != null).click();
        await().until(() -> first(agentBrowser, "buyer-note") != null
                && "改约周六送货 Deliver on Saturday".equals(hook(agentBrowser, "buyer-note").getAttribute("value")));
        assertThat(hook(agentBrowser, "buyer-panel").getText()).contains("回头客");
    }

    @Test
    void aMessageThatBreaksAComplianceRuleNamesTheRuleAndNeverReachesTheBuyer() {
        loginAgent("agent1");
        openDemo("demo-blocked");
        type(buyerBrowser, "composer", "能便宜点吗" + Keys.ENTER);
        await().until(() -> conversationOf(agentBrowser, "demo-blocked"), e -> e != null).click();
        awaitMessage(agentBrowser, "能便宜点吗");

        type(agentBrowser, "composer", "加我微信 kefu2024" + Keys.ENTER);

        await().until(() -> hook(agentBrowser, "composer-error").getText(),
                t -> t.contains("WeChat id or invitation (微信)"));
        assertThat(hook(agentBrowser, "composer").getAttribute("value")).as("the text is back in the box to edit")
                .isEqualTo("加我微信 kefu2024");
        hook(agentBrowser, "composer").clear();
        type(agentBrowser, "composer", "可以用店铺优惠券" + Keys.ENTER);
        awaitMessage(buyerBrowser, "可以用店铺优惠券");
        assertThat(all(buyerBrowser, "message")).extracting(WebElement::getText)
                .noneMatch(t -> t.contains("kefu2024"));
        assertThat(all(agentBrowser, "message")).extracting(WebElement::getText)
                .noneMatch(t -> t.contains("kefu2024"));
    }

    @Test
    void theWidgetShowsTheAfterHoursNotice() {
        agentBrowser.driver().get("about:blank");
        String routing = "/api/v1/shops/" + demo.shopId() + "/routing";
        var before = TestServer.parse(server.request("GET", routing, TestServer.ADMIN_KEY, null).body());
        // One window three days from now: closed today whatever the time (and the day boundary) is.
        String day = ZonedDateTime.now(ZoneId.of(before.path("timeZone").asText())).getDayOfWeek().plus(3)
                .getDisplayName(TextStyle.SHORT, Locale.ENGLISH).toLowerCase(Locale.ROOT);
        var closed = TestServer.obj();
        closed.putArray("businessHours").addObject().put("from", "09:00").put("to", "10:00").putArray("days").add(day);
        closed.put("afterHoursText", "{buyer.name}您好，现在是下班时间，请留言");
        assertThat(server.request("PUT", routing, TestServer.ADMIN_KEY, closed).statusCode()).isEqualTo(200);
        try (TestClients clients = new TestClients(server, Encoding.JSON)) {
            openDemo("demo-after-hours");
            type(buyerBrowser, "composer", "还有货吗" + Keys.ENTER);

            WebElement notice = await().until(() -> first(buyerBrowser, "notice"), e -> e != null);
            assertThat(notice.getAttribute("data-code")).isEqualTo("after_hours");
            assertThat(notice.getText()).contains("非工作时间", "留言");
            // the shop's own after-hours text is a message, even when it arrives before open's answer
            assertThat(awaitMessage(buyerBrowser, "演示买家 demo-after-hours您好，现在是下班时间，请留言")).isNotNull();

            TestClients.Buyer buyer = clients.buyer("demo-after-hours");
            buyer.hello().conversations().forEach(c -> TestClients.join(buyer.session().close(c.conv(), "resolved")));
        } finally {
            var restore = TestServer.obj();
            restore.set("businessHours", before.path("businessHours"));
            restore.putNull("afterHoursText");
            assertThat(server.request("PUT", routing, TestServer.ADMIN_KEY, restore).statusCode()).isEqualTo(200);
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
        loginAgent(username, demo.shopId());
    }

    /** Logs in with {@code shop} typed in the shop field: the demo shop's id or its name. */
    private void loginAgent(String username, String shop) {
        agentBrowser.driver().get(server.baseUrl() + "/console");
        agentBrowser.js("sessionStorage.clear();");
        agentBrowser.driver().navigate().refresh();
        WebElement field = await().until(() -> hook(agentBrowser, "login-shop"), e -> e != null);
        field.clear();
        field.sendKeys(shop);
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

    private static String buyerPath(String buyerId) {
        return "/api/v1/shops/" + demo.shopId() + "/buyers/" + buyerId;
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
        // The widget renders its connection line once its script has run: until then there is no such element.
        await().atMost(Duration.ofSeconds(20)).until(() -> buyerBrowser.driver().findElements(By.className("kw-conn"))
                .stream().anyMatch(conn -> conn.getText().contains("已连接")));
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
