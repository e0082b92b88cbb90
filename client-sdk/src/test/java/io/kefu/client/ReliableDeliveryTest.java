package io.kefu.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kefu.protocol.ConvClosed;
import io.kefu.protocol.Msg;
import io.kefu.protocol.Sync;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Messages reach the listener per conversation in seq order, without gaps, never twice. */
@Timeout(20)
class ReliableDeliveryTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private FakeKefuServer server;
    private final RecordingListener listener = new RecordingListener();
    private KefuClient client;

    @BeforeEach
    void startServer() throws InterruptedException {
        server = new FakeKefuServer();
    }

    private void connect(Encoding encoding) {
        client = TestClients.builder(server, listener, encoding).build();
        client.connect().join();
    }

    @AfterEach
    void stop() {
        client.close().join();
        server.close();
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void aGapIsFilledWithSyncAndDeliveredInOrder(Encoding encoding) {
        connect(encoding);
        server.appendAndPush("c1", "one");
        await().atMost(WAIT).until(() -> listener.seqs("c1").size() == 1);

        server.appendMissed("c1", "two");
        server.appendMissed("c1", "three");
        server.appendAndPush("c1", "four");

        await().atMost(WAIT).until(() -> listener.seqs("c1").size() == 4);
        assertThat(listener.seqs("c1")).containsExactly(1L, 2L, 3L, 4L);
        assertThat(server.received(Sync.class)).singleElement()
                .satisfies(s -> assertThat(s.afterSeq()).isEqualTo(1));
    }

    @Test
    void aRepeatedPushIsDeliveredOnce() {
        connect(Encoding.JSON);
        Msg first = server.appendAndPush("c1", "one");
        server.push(first);
        server.appendAndPush("c1", "two");

        await().atMost(WAIT).until(() -> listener.seqs("c1").size() >= 2);
        assertThat(listener.seqs("c1")).containsExactly(1L, 2L);
    }

    @Test
    void pushesArrivingWhileSyncingAreHeldBackUntilTheGapIsFilled() {
        connect(Encoding.JSON);
        server.appendAndPush("c1", "one");
        await().atMost(WAIT).until(() -> listener.seqs("c1").size() == 1);
        server.holdAnswers("sync");

        server.appendMissed("c1", "two");
        server.appendAndPush("c1", "three");
        await().atMost(WAIT).until(() -> server.received(Sync.class).size() == 1);
        Msg four = server.appendAndPush("c1", "four");
        server.push(four);
        server.appendAndPush("c1", "five");
        server.releaseHeldAnswers();

        await().atMost(WAIT).until(() -> listener.seqs("c1").size() >= 5);
        assertThat(listener.seqs("c1")).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void conversationsAreSequencedIndependently() {
        connect(Encoding.JSON);
        server.appendAndPush("c1", "one");
        server.appendAndPush("c2", "one");
        server.appendMissed("c2", "two");
        server.appendAndPush("c1", "two");
        server.appendAndPush("c2", "three");

        await().atMost(WAIT).until(() -> listener.messages.size() == 5);
        assertThat(listener.seqs("c1")).containsExactly(1L, 2L);
        assertThat(listener.seqs("c2")).containsExactly(1L, 2L, 3L);
        assertThat(server.received(Sync.class)).singleElement().satisfies(s -> assertThat(s.conv()).isEqualTo("c2"));
    }

    @Test
    void theFirstMessageOfAnUnknownConversationStartsItsSequence() {
        connect(Encoding.JSON);
        server.appendMissed("c9", "history");
        server.appendAndPush("c9", "new");

        await().atMost(WAIT).until(() -> listener.messages.size() == 1);
        assertThat(listener.seqs("c9")).containsExactly(2L);
        assertThat(server.received(Sync.class)).isEmpty();
    }

    @Test
    void conversationClosedReachesTheListener() {
        connect(Encoding.JSON);
        server.push(new ConvClosed("c1", "a1", "resolved"));

        await().atMost(WAIT).until(() -> listener.pushes.size() == 1);
        assertThat(listener.pushes).containsExactly(new ConvClosed("c1", "a1", "resolved"));
    }
}
