package io.kefu.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kefu.protocol.ConvState;
import io.kefu.protocol.Msg;
import io.kefu.server.base.IdGenerator;
import io.kefu.server.auth.AdminKey;
import io.kefu.server.auth.BearerAuthenticator;
import io.kefu.server.auth.JwtService;
import io.kefu.server.auth.LoginThrottle;
import io.kefu.server.auth.MutableClock;
import io.kefu.server.auth.PasswordHasher;
import io.kefu.server.compliance.AuditWriter;
import io.kefu.server.compliance.ComplianceFilter;
import io.kefu.server.compliance.ComplianceRules;
import io.kefu.server.scripts.ScriptLibrary;
import io.kefu.server.scripts.ScriptLimits;
import io.kefu.server.store.BuyerStore;
import io.kefu.server.store.ComplianceStore;
import io.kefu.server.store.ConversationRecord;
import io.kefu.server.store.ConversationStore;
import io.kefu.server.store.Database;
import io.kefu.server.store.JdbcBuyerStore;
import io.kefu.server.store.JdbcComplianceStore;
import io.kefu.server.store.JdbcConversationStore;
import io.kefu.server.store.JdbcMessageStore;
import io.kefu.server.store.JdbcScriptStore;
import io.kefu.server.store.JdbcShopStore;
import io.kefu.server.store.MessageStore;
import io.kefu.server.store.ScriptStore;
import io.kefu.server.store.ShopStore;
import io.kefu.server.store.StoreExecutor;
import io.kefu.server.store.TestDatabases;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * An {@link ApiHandler} in an {@code EmbeddedChannel} over a real, migrated H2 database and real
 * executors (wrapped in {@link SteppedExecutor}s). The stores it hands the handler fail any call made
 * outside a store thread, so a store call on the event loop breaks the test. One per test class.
 */
final class ApiFixture implements AutoCloseable {
    static final String ADMIN_KEY = "test-admin-key-0123456789";
    static final String SECRET = "api-test-secret-0123456789abcdef";
    static final String STORE_THREAD = "kefu-store";

    final Database db = TestDatabases.h2();
    final IdGenerator ids = new IdGenerator(1);
    final ShopStore shops = new JdbcShopStore(db, ids);
    final BuyerStore buyers = new JdbcBuyerStore(db);
    final ConversationStore conversations = new JdbcConversationStore(db);
    final MessageStore messages = new JdbcMessageStore(db, new ObjectMapper());
    final ScriptStore scriptStore = new JdbcScriptStore(db, ids, Clock.systemUTC());
    final SteppedExecutor store = new SteppedExecutor(TestExecutors.bounded(STORE_THREAD, 2, 100));
    /** The library of the fixture's own channel. */
    final ScriptLibrary scripts;
    final SteppedExecutor auth = new SteppedExecutor(TestExecutors.bounded("kefu-auth", 1, 100));
    final MutableClock clock = new MutableClock(Instant.now());
    final JwtService jwt = new JwtService(SECRET.getBytes(StandardCharsets.UTF_8), clock);
    final PasswordHasher hasher = new PasswordHasher(1_000);
    final LoginThrottle throttle = new LoginThrottle(clock);
    final ComplianceStore complianceStore = new JdbcComplianceStore(db);
    final AuditWriter auditWriter = new AuditWriter(complianceStore, AuditWriter.Settings.DEFAULT);
    final ComplianceFilter filter = new ComplianceFilter(storeOnly(ComplianceStore.class, complianceStore), store,
            auditWriter, ids, clock);
    final EmbeddedChannel channel;

    ApiFixture() {
        this(ScriptLimits.DEFAULT);
    }

    /** With other script limits (small ones, to test them). */
    ApiFixture(ScriptLimits scriptLimits) {
        this.scripts = scripts(store, scriptLimits);
        this.channel = new EmbeddedChannel(new ApiHandler(services(store, scripts)));
    }

    /** The services the fixture's handler uses, with another store executor. */
    ApiServices services(StoreExecutor storeExecutor) {
        return services(storeExecutor, scripts(storeExecutor, ScriptLimits.DEFAULT));
    }

    private ApiServices services(StoreExecutor storeExecutor, ScriptLibrary scriptLibrary) {
        return new ApiServices(storeOnly(ShopStore.class, shops), storeOnly(BuyerStore.class, buyers),
                storeOnly(ConversationStore.class, conversations), storeOnly(MessageStore.class, messages),
                storeExecutor, auth, hasher, jwt,
                new BearerAuthenticator(AdminKey.of(ADMIN_KEY), jwt), Duration.ofHours(1), throttle, shopId -> { },
                AuthListener.NOOP, new ComplianceRules(storeOnly(ComplianceStore.class, complianceStore), filter, ids,
                clock), scriptLibrary);
    }

    private ScriptLibrary scripts(StoreExecutor storeExecutor, ScriptLimits limits) {
        return new ScriptLibrary(storeOnly(ScriptStore.class, scriptStore), storeExecutor, clock,
                ScriptLibrary.Settings.DEFAULT.withLimits(limits));
    }

    /** A reply: status, JSON body and headers, with Netty's buffer already released. */
    record Reply(int status, JsonNode json, HttpHeaders headers) {
        String code() {
            return json.path("code").asText();
        }

        String message() {
            return json.path("message").asText();
        }

        String id() {
            assertThat(status).as("status of %s", json).isEqualTo(200);
            return json.path("id").asText();
        }
    }

    static FullHttpRequest request(HttpMethod method, String uri, String body, String bearer) {
        FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri,
                Unpooled.copiedBuffer(body == null ? "" : body, StandardCharsets.UTF_8));
        req.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, req.content().readableBytes());
        if (bearer != null) {
            req.headers().set(HttpHeaderNames.AUTHORIZATION, "Bearer " + bearer);
        }
        return req;
    }

    Reply post(String uri, String body, String bearer) {
        return send(request(HttpMethod.POST, uri, body, bearer));
    }

    Reply call(String method, String uri, String body, String bearer) {
        return send(request(io.netty.handler.codec.http.HttpMethod.valueOf(method), uri, body, bearer));
    }

    Reply get(String uri, String bearer) {
        return send(request(HttpMethod.GET, uri, null, bearer));
    }

    Reply send(FullHttpRequest request) {
        return send(channel, request);
    }

    Reply send(EmbeddedChannel ch, FullHttpRequest request) {
        ch.writeInbound(request);
        return next(ch);
    }

    /** Steps the executors until the channel has written a response, and reads it. */
    Reply next(EmbeddedChannel ch) {
        for (int i = 0; i < 20; i++) {
            ch.runPendingTasks();
            FullHttpResponse response = ch.readOutbound();
            if (response != null) {
                return reply(response);
            }
            store.drain();
            auth.drain();
        }
        throw new AssertionError("no response after 20 steps");
    }

    static Reply reply(FullHttpResponse response) {
        try {
            JsonNode json = new ObjectMapper().readTree(response.content().toString(StandardCharsets.UTF_8));
            return new Reply(response.status().code(), json, response.headers().copy());
        } catch (java.io.IOException e) {
            throw new AssertionError("response is not JSON", e);
        } finally {
            response.release();
        }
    }

    // ---- set-up helpers, through the API itself ----

    String createShop(String name) {
        return post("/api/v1/shops", "{\"name\":\"" + name + "\"}", ADMIN_KEY).id();
    }

    String createGroup(String shopId, String json) {
        return post("/api/v1/shops/" + shopId + "/groups", json, ADMIN_KEY).id();
    }

    String createStaff(String shopId, String username, String role, List<String> groups) {
        String groupList = groups.isEmpty() ? "" : "\"" + String.join("\",\"", groups) + "\"";
        return post("/api/v1/shops/" + shopId + "/agents", "{\"username\":\"" + username + "\",\"password\":\"password-"
                + username + "\",\"name\":\"N " + username + "\",\"groups\":[" + groupList + "],\"maxConcurrent\":3,"
                + "\"role\":\"" + role + "\"}", ADMIN_KEY).id();
    }

    String login(String shopId, String username) {
        Reply r = post("/api/v1/auth/agent", "{\"shopId\":\"" + shopId + "\",\"username\":\"" + username
                + "\",\"password\":\"password-" + username + "\"}", null);
        assertThat(r.status()).as("login %s", r.json()).isEqualTo(200);
        return r.json().path("token").asText();
    }

    String buyerToken(String buyerId) {
        Reply r = post("/api/v1/auth/buyer", "{\"buyerId\":\"" + buyerId + "\"}", ADMIN_KEY);
        assertThat(r.status()).as("buyer token %s", r.json()).isEqualTo(200);
        return r.json().path("token").asText();
    }

    /** A conversation written straight to the store (the router's job, not the API's). */
    ConversationRecord conversation(String shopId, String buyerId, String agentId, List<Msg> msgs) {
        ConversationRecord c = new ConversationRecord(ids.next(), shopId, buyerId,
                agentId == null ? ConvState.QUEUED : ConvState.ASSIGNED, null, agentId, "product", "p1",
                System.currentTimeMillis(), 0, 0, null, null, null, null);
        conversations.insert(c);
        messages.insertBatch(msgs.stream().map(m -> new Msg(c.id(), m.seq(), m.from(), m.kind(), m.body(), m.ts(),
                m.cmid())).toList());
        return c;
    }

    @Override
    public void close() {
        channel.finishAndReleaseAll();
        store.close();
        auth.close();
        auditWriter.close();
        db.close();
    }

    /** {@code target} behind a proxy that fails every call not made on a store thread. */
    static <T> T storeOnly(Class<T> type, T target) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            String thread = Thread.currentThread().getName();
            if (!thread.startsWith(STORE_THREAD)) {
                throw new AssertionError(type.getSimpleName() + "." + method.getName() + " called on " + thread);
            }
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }
}
