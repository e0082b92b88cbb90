package io.kefu.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kefu.protocol.Hello;
import io.kefu.protocol.OkResult;
import io.kefu.protocol.OkResult.SendResult;
import io.kefu.protocol.Pick;
import io.kefu.protocol.Send;
import io.kefu.protocol.Sync;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Auto-reconnect: re-hello, sync of known conversations, re-send of unanswered sends with their cmid. */
@Timeout(20)
class ReconnectTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private FakeKefuServer server;
    private final RecordingListener listener = new RecordingListener();
    private KefuClient client;
    private BuyerSession buyer;

    @BeforeEach
    void startServer() throws InterruptedException {
        server = new FakeKefuServer();
    }

    private void connect(Encoding encoding) {
        client = TestClients.builder(server, listener, encoding).autoReconnect(true).build();
        buyer = new BuyerSession(client);
        client.connect().join();
    }

    @AfterEach
    void stop() {
        client.close().join();
        server.close();
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void afterReconnectTheClientSaysHelloSyncsAndResendsUnansweredSendsWithTheirCmid(Encoding encoding) {
        connect(encoding);
        server.holdAnswers("send");
        CompletableFuture<SendResult> sent = buyer.sendText("c1", "are you there?");
        await().atMost(WAIT).until(() -> listener.seqs("c1").size() == 1);
        server.appendMissed("c1", "yes, how can I help?");

        server.discardHeldAnswers();
        server.dropConnections();

        assertThat(sent).succeedsWithin(WAIT).satisfies(r -> assertThat(r.seq()).isEqualTo(1));
        await().atMost(WAIT).until(() -> listener.seqs("c1").size() == 2);
        assertThat(listener.seqs("c1")).containsExactly(1L, 2L);
        assertThat(server.received(Hello.class)).hasSize(2);
        assertThat(server.received(Sync.class)).singleElement().satisfies(s -> {
            assertThat(s.conv()).isEqualTo("c1");
            assertThat(s.afterSeq()).isEqualTo(1);
        });
        assertThat(server.received(Send.class)).hasSize(2)
                .satisfies(sends -> {
                    assertThat(sends.get(0).cmid()).isEqualTo(sends.get(1).cmid());
                    assertThat(sends.get(0).id()).isNotEqualTo(sends.get(1).id());
                });
        assertThat(server.messages("c1")).hasSize(2);
        assertThat(listener.connects).hasSize(2);
        assertThat(listener.disconnects).singleElement().satisfies(d -> assertThat(d).startsWith("1006"));
    }

    @Test
    void otherRequestsInFlightFailWhenTheConnectionDrops() {
        connect(Encoding.JSON);
        server.holdAnswers("pick");
        CompletableFuture<OkResult> pick = client.request(new Pick(null, "c1"));
        await().atMost(WAIT).until(() -> server.received(Pick.class).size() == 1);

        server.dropConnections();

        assertThat(pick).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(ConnectionClosedException.class);
        await().atMost(WAIT).until(() -> listener.connects.size() == 2);
    }

    @Test
    void afterA1009UnansweredSendsFailInsteadOfBeingResent() {
        connect(Encoding.JSON);
        server.holdAnswers("send");
        CompletableFuture<SendResult> sent = buyer.sendText("c1", "a very long text");
        await().atMost(WAIT).until(() -> server.received(Send.class).size() == 1);

        server.discardHeldAnswers();
        server.closeConnections(1009, "frame too large");

        assertThat(sent).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOfSatisfying(ConnectionClosedException.class,
                        e -> assertThat(e.closeCode()).isEqualTo(1009));
        await().atMost(WAIT).until(() -> listener.connects.size() == 2);
        assertThat(server.received(Send.class)).hasSize(1);
    }

    @Test
    void conversationsListedByHelloAreSyncedFromWhatWasDelivered() {
        connect(Encoding.JSON);
        server.appendAndPush("c1", "one");
        await().atMost(WAIT).until(() -> listener.seqs("c1").size() == 1);
        server.appendMissed("c1", "two");
        server.appendMissed("c1", "three");

        server.closeConnections(1001, "going away");

        await().atMost(WAIT).until(() -> listener.seqs("c1").size() == 3);
        assertThat(listener.seqs("c1")).containsExactly(1L, 2L, 3L);
        assertThat(listener.disconnects).containsExactly("1001 going away");
    }

    @Test
    void failedReconnectAttemptsAreRetriedWithBackoff() {
        connect(Encoding.JSON);
        server.refuseConnections.set(2);

        server.dropConnections();

        await().atMost(WAIT).until(() -> listener.connects.size() == 2);
        assertThat(server.received(Hello.class)).hasSize(2);
        assertThat(client.isConnected()).isTrue();
    }

    @Test
    void aRefusalByTheServerStopsReconnecting() {
        connect(Encoding.JSON);
        server.closeConnections(4401, "token expired");

        await().atMost(WAIT).until(client::isClosed);
        assertThat(listener.disconnects).containsExactly("4401 token expired");
        assertThat(server.connections).hasValue(1);
    }

    @Test
    void requestsMadeWhileReconnectingAreSentAfterHello() {
        connect(Encoding.JSON);
        server.refuseConnections.set(1000);
        server.dropConnections();
        await().atMost(WAIT).until(() -> !client.isConnected());

        CompletableFuture<OkResult> pick = client.request(new Pick(null, "c1"));
        server.refuseConnections.set(0);

        assertThat(pick).succeedsWithin(WAIT);
        assertThat(server.received).extracting(f -> f.type()).endsWith("hello", "pick");
    }
}
