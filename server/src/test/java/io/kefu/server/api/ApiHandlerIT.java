package io.kefu.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kefu.server.base.IdGenerator;
import io.kefu.server.auth.AdminKey;
import io.kefu.server.auth.BearerAuthenticator;
import io.kefu.server.auth.JwtService;
import io.kefu.server.auth.PasswordHasher;
import io.kefu.server.scripts.ScriptLibrary;
import io.kefu.server.store.BoundedStoreExecutor;
import io.kefu.server.store.Database;
import io.kefu.server.store.JdbcBuyerStore;
import io.kefu.server.store.JdbcConversationStore;
import io.kefu.server.store.JdbcMessageStore;
import io.kefu.server.store.JdbcScriptStore;
import io.kefu.server.store.JdbcShopStore;
import io.kefu.server.store.TestDatabases;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The handler behind a real socket, on a real event loop, with futures completing on store and auth
 * threads: what the {@code EmbeddedChannel} tests cannot show (cross-thread writes, pipelining on the wire).
 */
@Timeout(60)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiHandlerIT {
    private static final String KEY = "it-admin-key-0123456789";
    private final Database db = TestDatabases.h2();
    private final BoundedStoreExecutor store = new BoundedStoreExecutor("kefu-store", 2, 100);
    private final BoundedStoreExecutor auth = new BoundedStoreExecutor("kefu-auth", 1, 100);
    private final NioEventLoopGroup group = new NioEventLoopGroup(1);
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private Channel server;
    private String base;

    @BeforeAll
    void start() throws Exception {
        JwtService jwt = new JwtService("it-secret-0123456789-0123456789ab".getBytes(StandardCharsets.UTF_8),
                Clock.systemUTC());
        ApiHandler handler = new ApiHandler(new ApiServices(new JdbcShopStore(db, new IdGenerator(3)),
                new JdbcBuyerStore(db), new JdbcConversationStore(db), new JdbcMessageStore(db, json), store, auth,
                new PasswordHasher(1_000), jwt, new BearerAuthenticator(AdminKey.of(KEY), jwt), Duration.ofHours(1),
                new ScriptLibrary(new JdbcScriptStore(db, new IdGenerator(3), Clock.systemUTC()), store,
                        Clock.systemUTC(), ScriptLibrary.Settings.DEFAULT)));
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast("httpCodec", new HttpServerCodec())
                                .addLast("httpAggregator", new HttpObjectAggregator(1 << 20))
                                .addLast("apiHandler", handler);
                    }
                }).bind("127.0.0.1", 0).sync().channel();
        base = "http://127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort();
    }

    @AfterAll
    void stop() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        store.close();
        auth.close();
        db.close();
    }

    @Test
    void aConsoleSetsUpAShopAndLogsIn() throws Exception {
        String shop = post("/api/v1/shops", "{\"name\":\"IT shop\"}", KEY).path("id").asText();
        String group = post("/api/v1/shops/" + shop + "/groups", "{\"name\":\"售前\"}", KEY).path("id").asText();
        post("/api/v1/shops/" + shop + "/agents", "{\"username\":\"li\",\"password\":\"password-li\",\"name\":\"Li\","
                + "\"groups\":[\"" + group + "\"],\"maxConcurrent\":5,\"role\":\"agent\"}", KEY);

        String token = post("/api/v1/auth/agent", "{\"shopId\":\"" + shop + "\",\"username\":\"li\","
                + "\"password\":\"password-li\"}", null).path("token").asText();
        HttpResponse<String> agents = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/shops/" + shop + "/agents"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(agents.statusCode()).isEqualTo(200);
        assertThat(json.readTree(agents.body()).path("agents").get(0).path("username").asText()).isEqualTo("li");
    }

    @Test
    void pipelinedRequestsOnOneConnectionAreAnsweredInOrder() throws Exception {
        // The failed login needs the store and a hash; the 404 is known at once, yet must come second.
        String login = "{\"shopId\":\"1\",\"username\":\"nobody\",\"password\":\"password\"}";
        String slow = "POST /api/v1/auth/agent HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + login.length() + "\r\n\r\n" + login;
        String fast = "GET /api/v1/nope HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";

        try (Socket socket = new Socket("127.0.0.1", ((InetSocketAddress) server.localAddress()).getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write((slow + fast).getBytes(StandardCharsets.UTF_8));
            out.flush();
            String answers = new String(readAll(socket.getInputStream()), StandardCharsets.UTF_8);

            assertThat(answers.indexOf("401 Unauthorized")).isNotNegative()
                    .isLessThan(answers.indexOf("404 Not Found"));
        }
    }

    private JsonNode post(String path, String body, String bearer) throws Exception {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(base + path))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            req.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> r = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }

    private static byte[] readAll(InputStream in) throws Exception {
        return in.readAllBytes();
    }
}
