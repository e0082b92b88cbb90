package io.kefu.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kefu.server.config.KefuConfig;
import io.kefu.server.config.KefuConfigBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Kefu server for a test class: port 0 on loopback, a fresh database (in-memory H2, or a new
 * database on the shared embedded PostgreSQL), low password-hash cost. Tests isolate themselves by
 * creating their own shop with {@link #newShop()}. Register with {@code @RegisterExtension static}.
 */
public final class TestServer implements BeforeAllCallback, AfterAllCallback {
    public static final String ADMIN_KEY = "test-admin-key-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final boolean postgres;
    private final UnaryOperator<KefuConfigBuilder> tweak;
    private String fixedUrl;
    private ManualTimers timers;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private KefuServer server;

    private TestServer(boolean postgres, UnaryOperator<KefuConfigBuilder> tweak) {
        this.postgres = postgres;
        this.tweak = tweak;
    }

    public static TestServer h2() {
        return new TestServer(false, b -> b);
    }

    public static TestServer h2(UnaryOperator<KefuConfigBuilder> tweak) {
        return new TestServer(false, tweak);
    }

    /** A server on an H2 file database under {@code dir}: stop and start it again to test a restart. */
    public static TestServer h2File(java.nio.file.Path dir) {
        TestServer t = new TestServer(false, b -> b);
        t.fixedUrl = io.kefu.server.config.KefuConfig.h2FileUrl(dir);
        return t;
    }

    /** A server on the PostgreSQL database at {@code jdbcUrl} (user {@code postgres}, no password). */
    public static TestServer postgresAt(String jdbcUrl, UnaryOperator<KefuConfigBuilder> tweak) {
        TestServer t = new TestServer(true, tweak);
        t.fixedUrl = jdbcUrl;
        return t;
    }

    /**
     * A server on H2 whose clock and routing timers the test drives ({@link #advance}): time rules run
     * in milliseconds. The clock starts at {@code start}.
     */
    public static TestServer h2WithManualTime(java.time.Instant start, UnaryOperator<KefuConfigBuilder> tweak) {
        TestServer t = new TestServer(false, tweak);
        t.timers = new ManualTimers(new io.kefu.server.auth.MutableClock(start));
        return t;
    }

    /** A server on an H2 file under {@code dir} with a manual clock: restart it to test what time rules survive. */
    public static TestServer h2FileWithManualTime(java.nio.file.Path dir, java.time.Instant start) {
        TestServer t = h2WithManualTime(start, b -> b);
        t.fixedUrl = io.kefu.server.config.KefuConfig.h2FileUrl(dir);
        return t;
    }

    /** Moves the manual clock on and fires the routing deadlines then due. */
    public void advance(java.time.Duration d) {
        timers.advance(d);
    }

    public java.time.Clock clock() {
        return timers != null ? timers.clock() : java.time.Clock.systemUTC();
    }

    public static TestServer postgres() {
        return new TestServer(true, b -> b);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
        java.util.List<String> blocked = BlockingGuard.violations();
        if (!blocked.isEmpty()) {
            throw new AssertionError("blocking calls on event loops or router lanes:\n" + String.join("\n", blocked));
        }
    }

    public void start() {
        BlockingGuard.install();
        BlockingGuard.clear();
        String url = fixedUrl != null ? fixedUrl
                : postgres ? freshPostgresUrl() : "jdbc:h2:mem:kefu-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        KefuConfigBuilder b = KefuConfig.builder()
                .host("127.0.0.1").port(0).demo(false)
                .adminKey(ADMIN_KEY).jwtSecret("test-jwt-secret-0123456789-0123456789-abcdef")
                .dbUrl(url).dbUser(postgres ? "postgres" : "sa").dbPassword("")
                .passwordIterations(1_000).shutdownGraceSec(2);
        try {
            server = timers == null ? KefuServer.start(tweak.apply(b).build())
                    : KefuServer.start(tweak.apply(b).build(), timers.clock(), timers);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A new, empty database on the shared embedded PostgreSQL; the server migrates it again (a no-op). */
    private static String freshPostgresUrl() {
        try (io.kefu.server.store.Database db = io.kefu.server.store.TestDatabases.postgres()) {
            return ((com.zaxxer.hikari.HikariDataSource) db.dataSource()).getJdbcUrl();
        }
    }

    public void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    public KefuServer server() {
        return server;
    }

    public URI wsUri() {
        return URI.create("ws://127.0.0.1:" + server.port() + "/ws");
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /** A new shop with a pre-sales (default) and an after-sales group, two agents and a supervisor. */
    public ShopFixture newShop() {
        return newShop(newBareShop());
    }

    /** A shop with nothing in it yet (no groups, no staff): its id. */
    public String newBareShop() {
        return post("/api/v1/shops", ADMIN_KEY, obj().put("name", "shop-" + UUID.randomUUID())).get("id").asText();
    }

    /** {@link #newShop()}'s groups and staff, in shop {@code shopId} made by {@link #newBareShop()}. */
    public ShopFixture newShop(String shopId) {
        ObjectNode pre = obj().put("name", "pre-sales").put("isDefault", true);
        pre.putArray("entryTypes").add("product").add("shop");
        String preSales = post("/api/v1/shops/" + shopId + "/groups", ADMIN_KEY, pre).get("id").asText();
        ObjectNode after = obj().put("name", "after-sales");
        after.putArray("entryTypes").add("order").add("aftersale");
        String afterSales = post("/api/v1/shops/" + shopId + "/groups", ADMIN_KEY, after).get("id").asText();
        Login a1 = agent(shopId, "agent1", "agent", 2, preSales);
        Login a2 = agent(shopId, "agent2", "agent", 2, preSales, afterSales);
        Login sup = agent(shopId, "boss", "supervisor", 5, preSales, afterSales);
        return new ShopFixture(shopId, preSales, afterSales, a1, a2, sup);
    }

    public Login agent(String shopId, String username, String role, int maxConcurrent, String... groups) {
        ObjectNode body = obj().put("username", username).put("password", "password-" + username).put("name", username)
                .put("maxConcurrent", maxConcurrent).put("role", role);
        var arr = body.putArray("groups");
        for (String g : groups) {
            arr.add(g);
        }
        String id = post("/api/v1/shops/" + shopId + "/agents", ADMIN_KEY, body).get("id").asText();
        JsonNode login = post("/api/v1/auth/agent", null, obj().put("shopId", shopId).put("username", username)
                .put("password", "password-" + username));
        return new Login(id, login.get("token").asText());
    }

    public String buyerToken(String buyerId) {
        return post("/api/v1/auth/buyer", ADMIN_KEY, obj().put("buyerId", buyerId).put("name", "buyer " + buyerId))
                .get("token").asText();
    }

    public record Login(String id, String token) {
    }

    public record ShopFixture(String shopId, String preSales, String afterSales, Login agent1, Login agent2,
                              Login supervisor) {
        public List<Login> staff() {
            return List.of(agent1, agent2, supervisor);
        }
    }

    public JsonNode post(String path, String bearer, Object body) {
        HttpResponse<String> res = request("POST", path, bearer, body);
        if (res.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST " + path + " -> " + res.statusCode() + " " + res.body());
        }
        return parse(res.body());
    }

    public HttpResponse<String> request(String method, String path, String bearer, Object body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(10));
            if (bearer != null) {
                b.header("Authorization", "Bearer " + bearer);
            }
            if (body == null) {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                String text = body instanceof String s ? s : JSON.writeValueAsString(body);
                b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(text));
            }
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An API error answer: {@code status}, its {@code code}, and a message containing every one of {@code parts}. */
    public static void assertApiError(HttpResponse<String> r, int status, String code, String... parts) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode body = parse(r.body());
        assertThat(body.path("code").asText()).isEqualTo(code);
        for (String part : parts) {
            assertThat(body.path("message").asText()).contains(part);
        }
    }

    public static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ObjectNode obj() {
        return JSON.createObjectNode();
    }
}
