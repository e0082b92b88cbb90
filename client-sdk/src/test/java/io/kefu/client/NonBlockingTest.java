package io.kefu.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kefu.protocol.OkResult.SendResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;

/**
 * The client never blocks its event loop: a whole session (connect, sends, gap sync, reconnect, close)
 * runs under BlockHound, which fails any blocking call on a Netty event loop thread. BlockHound stays
 * installed for the rest of the test JVM, so later socket tests are checked as well.
 */
@Timeout(20)
class NonBlockingTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final List<String> BLOCKING_CALLS = new CopyOnWriteArrayList<>();

    private FakeKefuServer server;
    private final RecordingListener listener = new RecordingListener();
    private KefuClient client;

    @BeforeAll
    static void installBlockHound() {
        // install(...) also loads the integrations on the class path, Netty's among them: it marks event
        // loop threads as non-blocking and allows the few blocking calls Netty makes on purpose.
        BlockHound.install(builder -> builder.blockingMethodCallback(method -> {
            BLOCKING_CALLS.add(method + " on " + Thread.currentThread().getName());
            throw new BlockingOperationError(method);
        }));
    }

    @BeforeEach
    void connect() throws InterruptedException {
        server = new FakeKefuServer();
        client = TestClients.builder(server, listener).autoReconnect(true).build();
        client.connect().join();
    }

    @AfterEach
    void stop() {
        client.close().join();
        server.close();
    }

    @Test
    void aBlockingCallOnTheClientsEventLoopIsCaught() {
        Future<?> sleeping = client.eventLoop().submit(() -> {
            Thread.sleep(1);
            return null;
        });

        assertThat(sleeping).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(BlockingOperationError.class);
        BLOCKING_CALLS.clear();
    }

    @Test
    void aWholeSessionMakesNoBlockingCall() {
        BuyerSession buyer = new BuyerSession(client);
        buyer.sendText("c1", "one").join();
        server.appendMissed("c1", "two");
        server.appendAndPush("c1", "three");
        await().atMost(WAIT).until(() -> listener.seqs("c1").size() == 3);

        server.holdAnswers("send");
        CompletableFuture<SendResult> unanswered = buyer.sendText("c1", "four");
        await().atMost(WAIT).until(() -> listener.seqs("c1").size() == 4);
        server.discardHeldAnswers();
        server.dropConnections();

        assertThat(unanswered).succeedsWithin(WAIT);
        await().atMost(WAIT).until(() -> listener.connects.size() == 2);
        assertThat(client.close()).succeedsWithin(WAIT);
        assertThat(BLOCKING_CALLS).isEmpty();
    }
}
