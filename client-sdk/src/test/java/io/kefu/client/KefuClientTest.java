package io.kefu.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kefu.protocol.ErrorCode;
import io.kefu.protocol.Hello;
import io.kefu.protocol.History;
import io.kefu.protocol.OkResult;
import io.kefu.protocol.OkResult.HelloResult;
import io.kefu.protocol.OkResult.MessagesResult;
import io.kefu.protocol.Pick;
import io.kefu.protocol.Ping;
import io.kefu.protocol.Survey;
import io.kefu.protocol.Sync;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(20)
class KefuClientTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private FakeKefuServer server;
    private final RecordingListener listener = new RecordingListener();
    private KefuClient client;

    @BeforeEach
    void startServer() throws InterruptedException {
        server = new FakeKefuServer();
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close().join();
        }
        server.close();
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void connectSendsHelloWithTheTokenAndCompletesWithTheSession(Encoding encoding) {
        client = TestClients.builder(server, listener, encoding).build();

        HelloResult hello = client.connect().join();

        assertThat(hello.userId()).isEqualTo(FakeKefuServer.USER);
        assertThat(server.received(Hello.class)).singleElement()
                .satisfies(h -> assertThat(h.token()).isEqualTo(TestClients.TOKEN));
        assertThat(client.isConnected()).isTrue();
        assertThat(client.session()).contains(hello);
        assertThat(server.subprotocols).containsExactly(encoding.subprotocol());
        await().atMost(WAIT).until(() -> listener.connects.size() == 1);
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void answersAreMatchedToTheirRequestsByIdWhateverTheirOrder(Encoding encoding) {
        client = connected(TestClients.builder(server, listener, encoding));
        server.appendMissed("c1", "one");
        server.appendMissed("c1", "two");
        server.holdAnswers("history");

        CompletableFuture<OkResult> history = client.request(new History(null, "c1", 2L, null));
        CompletableFuture<OkResult> sync = client.request(new Sync(null, "c1", 1, null));

        assertThat(sync).succeedsWithin(WAIT).satisfies(r ->
                assertThat(((MessagesResult) r).messages()).extracting(m -> m.seq()).containsExactly(2L));
        assertThat(history).isNotDone();
        server.releaseHeldAnswers();
        assertThat(history).succeedsWithin(WAIT).satisfies(r ->
                assertThat(((MessagesResult) r).messages()).extracting(m -> m.seq()).containsExactly(1L));
        assertThat(server.received(History.class).get(0).id()).isNotEqualTo(server.received(Sync.class).get(0).id());
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void anErrorAnswerFailsTheRequestWithItsCode(Encoding encoding) {
        client = connected(TestClients.builder(server, listener, encoding));
        server.fail("pick", ErrorCode.INVALID_STATE);

        CompletableFuture<OkResult> pick = client.request(new Pick(null, "c1"));

        assertThat(pick).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOfSatisfying(KefuClientException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE);
                    assertThat(e.getMessage()).contains("pick", "refused by the fake");
                });
        assertThat(client.isConnected()).isTrue();
    }

    @Test
    void aRequestWithoutAnswerTimesOut() {
        client = connected(TestClients.builder(server, listener).requestTimeout(Duration.ofMillis(200)));
        server.holdAnswers("pick");

        CompletableFuture<OkResult> pick = client.request(new Pick(null, "c1"));

        assertThat(pick).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOfSatisfying(RequestTimeoutException.class, e -> {
                    assertThat(e.requestType()).isEqualTo("pick");
                    assertThat(e.getMessage()).contains("200 ms", "CONNECTED", "in flight");
                });
    }

    @Test
    void requestsMadeBeforeHelloIsAnsweredAreSentAfterIt() {
        client = TestClients.builder(server, listener).build();
        server.holdAnswers("hello");

        CompletableFuture<HelloResult> connect = client.connect();
        CompletableFuture<OkResult> pick = client.request(new Pick(null, "c1"));
        await().atMost(WAIT).until(() -> server.received(Hello.class).size() == 1);
        assertThat(server.received(Pick.class)).isEmpty();
        server.releaseHeldAnswers();

        assertThat(connect).succeedsWithin(WAIT);
        assertThat(pick).succeedsWithin(WAIT);
        assertThat(server.received).extracting(f -> f.type()).containsSubsequence("hello", "pick");
    }

    @Test
    void aClientRunsOnTheGroupItIsGiven() {
        NioEventLoopGroup group = new NioEventLoopGroup(1, new DefaultThreadFactory("app-loop"));
        try {
            KefuClient onGroup = connected(TestClients.builder(server, listener).eventLoopGroup(group));
            server.appendAndPush("c1", "hi");

            await().atMost(WAIT).until(() -> listener.messages.size() == 1);
            assertThat(listener.threads).allSatisfy(name -> assertThat(name).startsWith("app-loop"));
            onGroup.close().join();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void aRequestBeforeConnectFails() {
        client = TestClients.builder(server, listener).build();

        assertThat(client.request(new Pick(null, "c1"))).failsWithin(WAIT)
                .withThrowableOfType(ExecutionException.class).withCauseInstanceOf(ConnectionClosedException.class);
    }

    @Test
    void aRejectedTokenFailsConnectWithUnauthorizedAndDoesNotReconnect() {
        client = TestClients.builder(server, listener).token(server.rejectedToken).autoReconnect(true).build();

        assertThat(client.connect()).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOfSatisfying(KefuClientException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED));
        await().atMost(WAIT).until(client::isClosed);
        assertThat(server.connections).hasValue(1);
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void theServersCloseCodeReachesTheListenerAndFailsPendingRequests(Encoding encoding) {
        client = connected(TestClients.builder(server, listener, encoding));
        server.holdAnswers("pick");
        CompletableFuture<OkResult> pick = client.request(new Pick(null, "c1"));
        await().atMost(WAIT).until(() -> server.received(Pick.class).size() == 1);

        server.closeConnections(4408, "no heartbeat");

        assertThat(pick).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOfSatisfying(ConnectionClosedException.class, e -> {
                    assertThat(e.closeCode()).isEqualTo(4408);
                    assertThat(e.reason()).isEqualTo("no heartbeat");
                });
        await().atMost(WAIT).until(() -> listener.disconnects.contains("4408 no heartbeat"));
        assertThat(client.isClosed()).isTrue();
    }

    @Test
    void aLostConnectionIsReportedAs1006() {
        client = connected(TestClients.builder(server, listener));

        server.dropConnections();

        await().atMost(WAIT).until(() -> listener.disconnects.size() == 1);
        assertThat(listener.disconnects.get(0)).startsWith("1006 ");
    }

    @Test
    void aFrameOverTheSizeLimitClosesTheConnectionWith1009() {
        client = connected(TestClients.builder(server, listener).maxFramePayloadLength(256));

        server.appendAndPush("c1", "x".repeat(1000));

        await().atMost(WAIT).until(() -> listener.disconnects.size() == 1);
        assertThat(listener.disconnects.get(0)).startsWith("1009 ");
        assertThat(listener.messages).isEmpty();
    }

    @Test
    void serverPingsAreAnswered() {
        client = connected(TestClients.builder(server, listener));

        server.pingClients();

        await().atMost(WAIT).until(() -> server.pongs.get() == 1);
    }

    @Test
    void pingFramesAreSentEveryHalfHeartbeat() {
        server.heartbeatSec = 1;
        client = connected(TestClients.builder(server, listener));

        await().atMost(WAIT).until(() -> server.received(Ping.class).size() >= 2);
        assertThat(server.received(Ping.class)).allSatisfy(p -> assertThat(p.id()).isNull());
    }

    @Test
    void pushesReachTheirListenerMethodOnTheClientsEventLoop() {
        client = connected(TestClients.builder(server, listener));

        server.push(new Survey("c1"));
        server.appendAndPush("c1", "hi");

        await().atMost(WAIT).until(() -> listener.messages.size() == 1);
        assertThat(listener.pushes).containsExactly(new Survey("c1"));
        assertThat(listener.threads).allSatisfy(name -> assertThat(name).startsWith("kefu-client"));
    }

    @Test
    void closeSendsNormalClosureAndFailsLaterRequests() {
        client = connected(TestClients.builder(server, listener));

        assertThat(client.close()).succeedsWithin(WAIT);

        await().atMost(WAIT).until(() -> server.clientCloseCodes.contains(1000));
        assertThat(listener.disconnects).containsExactly("1000 closed by the client");
        assertThat(client.request(new Pick(null, "c1"))).failsWithin(WAIT)
                .withThrowableOfType(ExecutionException.class).withCauseInstanceOf(ConnectionClosedException.class);
    }

    @Test
    void aFrameAClientDoesNotSendIsRefusedAtOnce() {
        client = TestClients.builder(server, listener).build();

        assertThatThrownBy(() -> client.request(new Survey("c1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'survey'");
    }

    @Test
    void builderNamesTheMissingSetting() {
        assertThatThrownBy(() -> KefuClient.builder().token("t").build()).hasMessageContaining("uri is required");
        assertThatThrownBy(() -> KefuClient.builder().uri("http://x/ws").token("t").build())
                .hasMessageContaining("ws://");
        assertThatThrownBy(() -> KefuClient.builder().uri("ws://x/ws").build()).hasMessageContaining("token");
        assertThatThrownBy(() -> KefuClient.builder().requestTimeout(Duration.ZERO))
                .hasMessageContaining("requestTimeout");
    }

    private static KefuClient connected(KefuClient.Builder builder) {
        KefuClient c = builder.build();
        c.connect().join();
        return c;
    }
}
