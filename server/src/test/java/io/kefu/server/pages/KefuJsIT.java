package io.kefu.server.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kefu.client.Encoding;
import io.kefu.protocol.ConvAssigned;
import io.kefu.protocol.Msg;
import io.kefu.server.TestClients;
import io.kefu.server.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * kefu.js in a real Chromium against a real server: hello, requests and timeouts, reconnect with backoff
 * and jitter, resume without duplicates, and resending an unacknowledged send with the same cmid. The
 * page's WebSocket is wrapped (see {@link #HARNESS}) so a test can drop frames, duplicate pushes, refuse syncs
 * or keep the client offline; the server side of a drop is a real closed socket.
 */
@Timeout(120)
class KefuJsIT {
    @RegisterExtension
    static final TestServer server = TestServer.h2();
    private static Browser browser;

    /** Loads kefu.js into the page as window.client with a WebSocket wrapper the tests steer through window flags. */
    static final String HARNESS = """
            const [token, done] = arguments;
            (async () => {
              const k = await import('/kefu.js');
              window.k = k; window.events = []; window.msgs = [];
              class W {
                constructor(url, proto) {
                  const ws = new WebSocket(window.offline ? url.replace('/ws', '/offline') : url, proto);
                  this.ws = ws;
                  ws.onopen = (e) => this.onopen && this.onopen(e);
                  ws.onclose = (e) => this.onclose && this.onclose(e);
                  ws.onmessage = (e) => {
                    if (window.dropIn && window.dropIn(JSON.parse(e.data))) return;
                    this.onmessage && this.onmessage(e);
                    if (window.dup && JSON.parse(e.data).t === 'msg') this.onmessage(e);
                  };
                }
                get readyState() { return this.ws.readyState; }
                send(d) {
                  const f = JSON.parse(d);
                  if (f.t === 'sync') window.syncs = (window.syncs || 0) + 1;
                  if (f.t === 'sync' && window.refuseSync && window.refuseSync.length) {
                    const error = { t: 'error', re: f.id, code: window.refuseSync.shift(), message: 'refused' };
                    setTimeout(() => this.onmessage && this.onmessage({ data: JSON.stringify(error) }), 0);
                    return;
                  }
                  if (!(window.dropOut && window.dropOut(f))) this.ws.send(d);
                }
                close(c, r) { this.ws.close(c, r); }
              }
              window.client = new k.KefuClient({ token, WebSocket: W, backoff: { initialMs: 100, maxMs: 200 },
                                                 requestTimeoutMs: 5000 });
              client.on('state', (s) => events.push(s));
              client.on('hello', () => events.push({ state: 'hello' }));
              client.on('msg', (m) => msgs.push(m));
              client.connect().then((ok) => done(ok), (e) => done({ error: e.code }));
            })();
            """;

    @BeforeAll
    static void openBrowser() {
        browser = Browser.open();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> connect(String token) {
        browser.driver().get(server.baseUrl() + "/");
        return (Map<String, Object>) browser.async(HARNESS, token);
    }

    @Test
    void saysHelloAnswersRequestsAndTimesOutWhenNoAnswerComes() {
        Map<String, Object> hello = connect(server.buyerToken("js-hello"));

        Object pong = browser.async("const done = arguments[0]; client.request({t: 'ping'}).then((f) => done(f.t));");
        browser.js("window.dropOut = (f) => f.t === 'history';");
        Object timeout = browser.async("const done = arguments[0];"
                + "client.request({t: 'history', conv: '1'}, {timeoutMs: 300}).then(() => done('answered'), (e) => done(e.code));");
        browser.js("window.dropOut = null;");
        Object error = browser.async("const done = arguments[0];"
                + "client.request({t: 'history', conv: '999', limit: 0}).then(() => done('ok'), (e) => done(e.code));");

        assertThat(hello).containsEntry("role", "buyer").containsKey("sessionId").containsKey("serverTime");
        assertThat(pong).isEqualTo("pong");
        assertThat(timeout).isEqualTo("timeout");
        assertThat(error).isIn("bad_frame", "not_found", "forbidden");
    }

    @Test
    void backoffGrowsExponentiallyWithJitterUpToItsCap() {
        browser.driver().get(server.baseUrl() + "/");
        @SuppressWarnings("unchecked")
        List<Number> d = (List<Number>) browser.async("""
                const done = arguments[0];
                import('/kefu.js').then(({backoffDelay}) => {
                  const o = {initialMs: 500, maxMs: 15000};
                  done([backoffDelay(0, o, () => 0), backoffDelay(0, o, () => 0.999), backoffDelay(3, o, () => 0),
                        backoffDelay(20, o, () => 0), backoffDelay(20, o, () => 0.999)]);
                });
                """);

        assertThat(d.get(0).intValue()).isEqualTo(250);
        assertThat(d.get(1).intValue()).isBetween(490, 500);
        assertThat(d.get(2).intValue()).isEqualTo(2000);
        assertThat(d.get(3).intValue()).isEqualTo(7500);
        assertThat(d.get(4).intValue()).isBetween(14_900, 15_000);
    }

    @Test
    void reconnectsAfterTheServerDropsTheConnectionWithAJitteredDelay() {
        Map<String, Object> hello = connect(server.buyerToken("js-reconnect"));

        dropServerSide((String) hello.get("userId"));

        await().atMost(Duration.ofSeconds(15)).until(() -> count("hello") == 2);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> events = (List<Map<String, Object>>) browser.js("return window.events;");
        Map<String, Object> reconnecting = events.stream()
                .filter(e -> "reconnecting".equals(e.get("state")) && e.get("delayMs") != null).findFirst().orElseThrow();
        assertThat(((Number) reconnecting.get("delayMs")).intValue()).isBetween(50, 100);
        assertThat(browser.js("return client.state;")).isEqualTo("open");
    }

    @Test
    void resumesWithSyncAndDeliversEveryMessageExactlyOnceInOrder() {
        TestServer.ShopFixture shop = server.newShop();
        try (TestClients clients = new TestClients(server, Encoding.JSON)) {
            TestClients.Agent agent = clients.agent(shop.agent1(), true);
            Map<String, Object> hello = connect(server.buyerToken("js-resume"));
            String conv = openConversation(shop.shopId());
            agent.pushes().await(ConvAssigned.class, a -> a.conv().equals(conv));
            TestClients.join(agent.session().sendText(conv, "one"));
            await().until(() -> texts().contains("one"));

            browser.js("window.offline = true;");
            dropServerSide((String) hello.get("userId"));
            await().until(() -> "reconnecting".equals(browser.js("return client.state;")));
            TestClients.join(agent.session().sendText(conv, "two"));
            TestClients.join(agent.session().sendText(conv, "three"));
            browser.js("window.dup = true; window.offline = false;");
            await().atMost(Duration.ofSeconds(15)).until(() -> texts().contains("three"));
            TestClients.join(agent.session().sendText(conv, "four"));
            await().until(() -> texts().contains("four"));

            assertThat(texts()).containsExactly("one", "two", "three", "four");
            @SuppressWarnings("unchecked")
            List<Number> seqs = (List<Number>) browser.js("return msgs.map((m) => m.seq);");
            assertThat(seqs.stream().map(Number::longValue).toList()).containsExactly(1L, 2L, 3L, 4L);
        }
    }

    @Test
    void aSyncRefusedAsOverloadedIsRetriedAfterABackoffAndFillsTheGap() {
        TestServer.ShopFixture shop = server.newShop();
        try (TestClients clients = new TestClients(server, Encoding.JSON)) {
            TestClients.Agent agent = clients.agent(shop.agent1(), true);
            connect(server.buyerToken("js-sync-retry"));
            // The syncs that would fetch "two" are refused twice (a shop moving between cluster nodes answers so).
            sendWithTheSecondPushLost(agent, shop, "'overloaded', 'overloaded'");
            await().atMost(Duration.ofSeconds(15)).until(() -> texts().contains("three"));

            assertThat(texts()).containsExactly("one", "two", "three");
            assertThat(((Number) browser.js("return window.syncs;")).intValue()).isEqualTo(3);
        }
    }

    @Test
    void aSyncRefusedForGoodGivesTheGapUpAndDeliversWhatWaits() {
        TestServer.ShopFixture shop = server.newShop();
        try (TestClients clients = new TestClients(server, Encoding.JSON)) {
            TestClients.Agent agent = clients.agent(shop.agent1(), true);
            connect(server.buyerToken("js-sync-forbidden"));
            String conv = sendWithTheSecondPushLost(agent, shop, "'forbidden'");
            await().until(() -> texts().contains("three"));
            browser.js("window.dropIn = null;");
            TestClients.join(agent.session().sendText(conv, "four"));
            await().until(() -> texts().contains("four"));

            assertThat(texts()).containsExactly("one", "three", "four");
            assertThat(((Number) browser.js("return window.syncs;")).intValue()).isEqualTo(1);
        }
    }

    /**
     * Opens a conversation that the agent answers "one", "two" and "three", the push of "two" never reaching the
     * page, and the page's syncs answered first with the given error codes (a JavaScript list's items).
     */
    private String sendWithTheSecondPushLost(TestClients.Agent agent, TestServer.ShopFixture shop, String refusals) {
        String conv = openConversation(shop.shopId());
        agent.pushes().await(ConvAssigned.class, a -> a.conv().equals(conv));
        TestClients.join(agent.session().sendText(conv, "one"));
        await().until(() -> texts().contains("one"));
        browser.js("window.syncs = 0; window.refuseSync = [" + refusals + "];"
                + "window.dropIn = (f) => f.t === 'msg' && f.body.text === 'two';");
        TestClients.join(agent.session().sendText(conv, "two"));
        TestClients.join(agent.session().sendText(conv, "three"));
        return conv;
    }

    @Test
    void resendsAnUnacknowledgedSendWithTheSameCmidAndTheServerStoresItOnce() {
        TestServer.ShopFixture shop = server.newShop();
        try (TestClients clients = new TestClients(server, Encoding.JSON)) {
            TestClients.Agent agent = clients.agent(shop.agent1(), true);
            connect(server.buyerToken("js-resend"));
            String conv = openConversation(shop.shopId());
            agent.pushes().await(ConvAssigned.class, a -> a.conv().equals(conv));

            // The server stores the message, but its ok and msg never reach the page.
            browser.js("window.dropIn = (f) => (f.t === 'ok' && 'seq' in f) || (f.t === 'msg' && f.cmid === 'cmid-once');"
                    + "client.sendText(arguments[0], 'only once', 'cmid-once').then((ok) => window.sent = ok);", conv);
            Msg stored = agent.pushes().await(Msg.class, m -> "cmid-once".equals(m.cmid()));
            browser.js("window.dropIn = null; client.drop();");

            await().atMost(Duration.ofSeconds(15)).until(() -> browser.js("return window.sent || null;") != null);
            assertThat(((Number) browser.js("return window.sent.seq;")).longValue()).isEqualTo(stored.seq());
            await().until(() -> texts().contains("only once"));
            assertThat(texts()).containsOnlyOnce("only once");
            List<Msg> history = TestClients.join(agent.session().history(conv, null, 50)).messages();
            assertThat(history).filteredOn(m -> "cmid-once".equals(m.cmid())).hasSize(1);
        }
    }

    private String openConversation(String shopId) {
        @SuppressWarnings("unchecked")
        Map<String, Object> ok = (Map<String, Object>) browser.async("const [shop, done] = arguments;"
                + "client.open(shop, {type: 'product', ref: 'p1'}).then(done, (e) => done({error: e.message}));", shopId);
        assertThat(ok).containsKey("conv");
        return (String) ok.get("conv");
    }

    @SuppressWarnings("unchecked")
    private List<String> texts() {
        return (List<String>) browser.js("return msgs.map((m) => m.body.text);");
    }

    private long count(String state) {
        return ((Number) browser.js("return events.filter((e) => e.state === arguments[0]).length;", state)).longValue();
    }

    /** Closes the user's connections from the server's side, as a crashed proxy or a network cut would. */
    private static void dropServerSide(String userId) {
        var connections = server.server().services().sessions().connections(userId);
        assertThat(connections).isNotEmpty();
        connections.forEach(c -> c.channel().close());
    }
}
