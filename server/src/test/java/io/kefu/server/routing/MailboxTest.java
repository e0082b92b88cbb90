package io.kefu.server.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kefu.protocol.ErrorCode;
import io.kefu.server.base.KefuException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class MailboxTest {
    private final RouterLanes lanes = new RouterLanes(1, 3, new SimpleMeterRegistry());
    private final RouterLanes.Lane lane = lanes.laneFor("s1");

    @AfterEach
    void tearDown() {
        lanes.close();
    }

    @Test
    void commandsParkWhilePausedAndRunInOrderWhenOpened() {
        Mailbox mailbox = new Mailbox("s1", lane);
        List<Integer> ran = new ArrayList<>();
        CompletableFuture<Void> first = mailbox.ask(r -> {
            ran.add(1);
            r.complete(null);
        });
        CompletableFuture<Void> second = mailbox.ask(r -> {
            ran.add(2);
            r.complete(null);
        });
        lane.execute(mailbox::open);

        CompletableFuture.allOf(first, second).join();
        assertThat(ran).containsExactly(1, 2);
    }

    @Test
    void aFailedMailboxFailsParkedAndLaterCommands() {
        Mailbox mailbox = new Mailbox("s1", lane);
        CompletableFuture<Void> parked = mailbox.ask(r -> r.complete(null));
        KefuException gone = KefuException.notFound("shop 's1' does not exist");
        lane.execute(() -> mailbox.fail(gone));

        assertThat(parked).failsWithin(java.time.Duration.ofSeconds(5)).withThrowableThat().withCause(gone);
        assertThat(mailbox.ask(r -> r.complete(null))).failsWithin(java.time.Duration.ofSeconds(5));
    }

    @Test
    void aFullLaneRefusesNewCommandsWithOverloaded() throws Exception {
        Mailbox mailbox = new Mailbox("s1", lane);
        lane.execute(mailbox::open);
        CountDownLatch release = new CountDownLatch(1);
        lane.execute(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        List<CompletableFuture<Void>> admitted = new ArrayList<>();
        await().until(() -> lane.executor().getActiveCount() == 1);
        for (int i = 0; i < 3; i++) {
            admitted.add(mailbox.ask(r -> r.complete(null)));
        }

        CompletableFuture<Void> refused = mailbox.ask(r -> r.complete(null));
        assertThat(refused).isCompletedExceptionally();
        assertThat(refused.handle((v, e) -> ((KefuException) e).code()).join()).isEqualTo(ErrorCode.OVERLOADED);

        release.countDown();
        CompletableFuture.allOf(admitted.toArray(CompletableFuture[]::new)).join();
    }
}
