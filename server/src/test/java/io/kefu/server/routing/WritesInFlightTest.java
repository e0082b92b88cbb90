package io.kefu.server.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class WritesInFlightTest {

    @Test
    void quietAtOnceWithNothingInFlight() {
        assertThat(new WritesInFlight().quiet()).isCompleted();
    }

    @Test
    void quietOnlyOnceTheLastWriteIsDone() {
        WritesInFlight writes = new WritesInFlight();
        writes.start();
        writes.start();
        CompletableFuture<Void> quiet = writes.quiet();
        writes.done();
        assertThat(quiet).isNotDone();
        writes.done();
        assertThat(quiet).isCompleted();
    }

    @Test
    void aWriteStartedAfterAQuietIsWaitedForByTheNextQuietOnly() {
        WritesInFlight writes = new WritesInFlight();
        writes.start();
        CompletableFuture<Void> first = writes.quiet();
        writes.done();
        assertThat(first).isCompleted();
        writes.start();
        CompletableFuture<Void> second = writes.quiet();
        assertThat(second).isNotDone();
        writes.done();
        assertThat(second).isCompleted();
    }
}
