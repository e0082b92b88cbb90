package io.kefu.server.store;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The {@link MessageBatchWriter}'s meters, all under {@value #PREFIX}. Thread-safe (Micrometer meters
 * are); used from lane threads and {@code append} callers.
 */
final class MessageWriterMeters {
    static final String PREFIX = "kefu.store.messages.";
    static final String QUEUE_DEPTH = PREFIX + "queue.depth";
    static final String BATCH_SIZE = PREFIX + "batch.size";
    static final String COMMIT = PREFIX + "commit";
    static final String FAILURES = PREFIX + "failures";

    /** Failure reasons, the {@code reason} tag of {@value #FAILURES}. */
    static final String OVERLOADED = "overloaded";
    static final String CLOSED = "closed";
    static final String DUPLICATE = "duplicate";
    static final String REJECTED = "rejected";
    static final String DATABASE = "database";
    static final String CASCADE = "cascade";
    static final String MOVED = "moved";

    private final MeterRegistry registry;
    private final List<Meter> meters = new ArrayList<>();
    private final DistributionSummary batchSize;
    private final Timer commit;
    private final Map<String, Counter> failures;

    MessageWriterMeters(MeterRegistry registry, Supplier<Number> queueDepth) {
        this.registry = registry;
        meters.add(Gauge.builder(QUEUE_DEPTH, queueDepth)
                .description("Messages waiting in the batch writer's lanes to be stored")
                .baseUnit("messages")
                .register(registry));
        batchSize = add(DistributionSummary.builder(BATCH_SIZE)
                .description("Messages taken from a lane queue in one batch")
                .baseUnit("messages")
                .register(registry));
        commit = add(Timer.builder(COMMIT)
                .description("Time to insert and commit one batch of messages (or one message when retried alone)")
                .register(registry));
        failures = Map.of(
                OVERLOADED, failureCounter(OVERLOADED),
                CLOSED, failureCounter(CLOSED),
                DUPLICATE, failureCounter(DUPLICATE),
                REJECTED, failureCounter(REJECTED),
                DATABASE, failureCounter(DATABASE),
                CASCADE, failureCounter(CASCADE),
                MOVED, failureCounter(MOVED));
    }

    void batch(int size) {
        batchSize.record(size);
    }

    void committed(long nanos) {
        commit.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Counts the failure and fails the message's future with it; returns that future. */
    CompletableFuture<Void> failed(PendingMessage pending, String reason, Throwable failure) {
        failures.get(reason).increment();
        pending.future().completeExceptionally(failure);
        return pending.future();
    }

    /** Removes the meters, so a writer that is gone stops reporting. */
    void close() {
        meters.forEach(registry::remove);
    }

    private Counter failureCounter(String reason) {
        return add(Counter.builder(FAILURES)
                .description("Messages the batch writer did not store, by reason: overloaded (lane queue full),"
                        + " closed (writer closed), duplicate (seq or client message id already stored),"
                        + " rejected (the database refused a value), database (database error after retries),"
                        + " cascade (an earlier message of the conversation failed)")
                .tag("reason", reason)
                .register(registry));
    }

    private <M extends Meter> M add(M meter) {
        meters.add(meter);
        return meter;
    }
}
