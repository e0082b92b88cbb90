package io.kefu.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kefu.protocol.Body;
import io.kefu.protocol.ErrorCode;
import io.kefu.protocol.Msg;
import io.kefu.protocol.Party;
import io.kefu.protocol.PartyType;
import io.kefu.server.ManualTicker;
import io.kefu.server.base.BatchLoop;
import io.kefu.server.base.KefuException;
import io.kefu.server.store.Database.Dialect;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(60)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MessageBatchWriterTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Party BUYER = new Party(PartyType.BUYER, "b1");
    private static final MessageBatchWriter.Settings ONE_LANE = MessageBatchWriter.Settings.DEFAULT
            .withLanes(1).withRetries(3, Duration.ofMillis(1));

    private final TestDatabases.PerDialect databases = new TestDatabases.PerDialect();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<MessageBatchWriter> writers = new ArrayList<>();

    @AfterAll
    void closeDatabases() {
        databases.close();
    }

    @AfterEach
    void closeWriters() {
        writers.forEach(MessageBatchWriter::close);
        writers.clear();
        registry.clear();
    }

    private MessageStore store(Dialect d) {
        return new JdbcMessageStore(databases.get(d), new ObjectMapper());
    }

    private MessageBatchWriter writer(MessageStore store, MessageBatchWriter.Settings settings) {
        MessageBatchWriter writer = new MessageBatchWriter(store, settings, registry);
        writers.add(writer);
        return writer;
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void concurrent_appends_over_many_conversations_are_all_stored_and_complete_in_seq_order(Dialect d)
            throws Exception {
        MessageStore store = store(d);
        MessageBatchWriter writer = writer(store, MessageBatchWriter.Settings.DEFAULT.withMaxBatch(64));
        int producers = 4;
        int convsPerProducer = 25;
        int messagesPerConv = 20;
        Map<String, List<Long>> completed = new ConcurrentHashMap<>();
        List<CompletableFuture<Void>> futures = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(producers);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                // Like a router: each conversation is numbered and appended by one thread, in order.
                List<String> convs = newConvs(convsPerProducer);
                convs.forEach(c -> completed.put(c, Collections.synchronizedList(new ArrayList<>())));
                running.add(pool.submit(() -> {
                    for (long seq = 1; seq <= messagesPerConv; seq++) {
                        for (String conv : convs) {
                            long s = seq;
                            futures.add(writer.append(text(conv, s, null), 0)
                                    .whenComplete((v, e) -> completed.get(conv).add(e == null ? s : -s)));
                        }
                    }
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }

        assertThat(CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))).succeedsWithin(WAIT);
        List<Long> expected = LongStream.rangeClosed(1, messagesPerConv).boxed().toList();
        assertThat(completed).hasSize(producers * convsPerProducer).allSatisfy((conv, seqs) -> {
            assertThat(seqs).containsExactlyElementsOf(expected);
            assertThat(store.lastSeq(conv)).isEqualTo(messagesPerConv);
        });
        assertThat(registry.summary(MessageWriterMeters.BATCH_SIZE).totalAmount())
                .isEqualTo(producers * convsPerProducer * messagesPerConv);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void a_duplicate_row_fails_only_its_conversations_later_messages_of_that_epoch(Dialect d) throws Exception {
        MessageStore real = store(d);
        ControllableMessageStore store = new ControllableMessageStore(real);
        MessageBatchWriter writer = writer(store, ONE_LANE);
        String a = newConv();
        String b = newConv();
        String c = newConv();
        real.insertBatch(List.of(text(a, 1, "dup")));
        store.holdNext();
        CompletableFuture<Void> held = writer.append(text(newConv(), 1, null), 0);
        store.awaitHeld();

        CompletableFuture<Void> a2 = writer.append(text(a, 2, "dup"), 0);
        CompletableFuture<Void> b1 = writer.append(text(b, 1, null), 0);
        CompletableFuture<Void> a3 = writer.append(text(a, 3, null), 0);
        CompletableFuture<Void> c1 = writer.append(text(c, 1, null), 0);
        CompletableFuture<Void> b2 = writer.append(text(b, 2, null), 0);
        store.release();

        assertThat(CompletableFuture.allOf(held, b1, c1, b2)).succeedsWithin(WAIT);
        assertThat(store.batchSizes().get(1)).as("the five queued messages went in one batch").isEqualTo(5);
        assertThat(failureOf(a2).code()).isEqualTo(ErrorCode.INVALID_STATE);
        assertThat(failureOf(a3).code()).isEqualTo(ErrorCode.INTERNAL);
        assertThat(seqs(real, b)).containsExactly(1L, 2L);
        assertThat(seqs(real, c)).containsExactly(1L);
        assertThat(seqs(real, a)).containsExactly(1L);
        assertThat(failureCount(MessageWriterMeters.DUPLICATE)).isEqualTo(1);
        assertThat(failureCount(MessageWriterMeters.CASCADE)).isEqualTo(1);
    }

    /**
     * Rows the router does not know were stored (a batch whose commit was reported failed): renumbering from the
     * clashing seq would meet them again with every message; the conversation goes on after the last stored one.
     */
    @ParameterizedTest
    @EnumSource(Dialect.class)
    void a_seq_held_by_a_row_the_router_does_not_know_renumbers_after_the_last_stored_seq(Dialect d) {
        MessageStore real = store(d);
        MessageBatchWriter writer = writer(real, ONE_LANE);
        String a = newConv();
        real.insertBatch(List.of(text(a, 1, "stored-1"), text(a, 2, "stored-2")));

        assertThat(failureOf(writer.append(text(a, 1, "new"), 0)).code()).isEqualTo(ErrorCode.INVALID_STATE);
        MessageBatchWriter.Renumbering r = writer.renumbering(a, 0);
        CompletableFuture<Void> renumbered = writer.append(text(a, r.seq(), "new"), r.epoch());

        assertThat(r.seq()).isEqualTo(3);
        assertThat(renumbered).succeedsWithin(WAIT);
        assertThat(seqs(real, a)).containsExactly(1L, 2L, 3L);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void after_a_failure_the_next_epoch_renumbered_from_the_failed_seq_is_stored(Dialect d) {
        MessageStore real = store(d);
        MessageBatchWriter writer = writer(real, ONE_LANE);
        String a = newConv();
        real.insertBatch(List.of(text(a, 1, "dup")));
        assertThat(writer.append(text(a, 2, "dup"), 0)).failsWithin(WAIT);
        CompletableFuture<Void> stale = writer.append(text(a, 3, null), 0);

        CompletableFuture<Void> retried = writer.append(text(a, 2, "fresh"), 1);
        CompletableFuture<Void> next = writer.append(text(a, 3, null), 1);

        assertThat(failureOf(stale).code()).isEqualTo(ErrorCode.INTERNAL);
        assertThat(CompletableFuture.allOf(retried, next)).succeedsWithin(WAIT);
        assertThat(real.after(a, 0, 10)).extracting(Msg::seq, Msg::cmid)
                .containsExactly(tuple(1L, "dup"), tuple(2L, "fresh"), tuple(3L, null));
    }

    @Test
    void a_full_lane_queue_fails_the_append_at_once_with_overloaded() throws Exception {
        MessageStore real = store(Dialect.H2);
        ControllableMessageStore store = new ControllableMessageStore(real);
        MessageBatchWriter writer = writer(store, ONE_LANE.withQueueCapacity(2));
        String a = newConv();
        store.holdNext();
        CompletableFuture<Void> held = writer.append(text(newConv(), 1, null), 0);
        store.awaitHeld();
        CompletableFuture<Void> a1 = writer.append(text(a, 1, null), 0);
        CompletableFuture<Void> a2 = writer.append(text(a, 2, null), 0);

        CompletableFuture<Void> a3 = writer.append(text(a, 3, null), 0);

        assertThat(a3).isCompletedExceptionally();
        assertThat(failureOf(a3)).satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.OVERLOADED);
            assertThat(e).hasMessage("message writer lane 1 queue is full (2 waiting, capacity 2)");
        });
        assertThat(writer.queueDepth()).isEqualTo(2);
        store.release();
        assertThat(CompletableFuture.allOf(held, a1, a2)).as("messages numbered before the rejected one")
                .succeedsWithin(WAIT);
        assertThat(failureOf(writer.append(text(a, 4, null), 0)).code()).isEqualTo(ErrorCode.INTERNAL);
        assertThat(writer.append(text(a, 3, null), 1)).succeedsWithin(WAIT);
        assertThat(seqs(real, a)).containsExactly(1L, 2L, 3L);
        assertThat(failureCount(MessageWriterMeters.OVERLOADED)).isEqualTo(1);
    }

    /**
     * Two failures of one conversation, in the order that used to leave a hole: a full queue refuses
     * seq 3 at once, the router renumbers for it, and only then does seq 1 (written before, ahead in the
     * queue) fail in the database. What the router numbered for the first failure must fail too, and the
     * router must go back to seq 1.
     */
    @Test
    void a_failure_that_arrives_after_the_router_renumbered_for_a_later_one_sends_it_back_to_the_older_seq()
            throws Exception {
        MessageStore real = store(Dialect.H2);
        ControllableMessageStore store = new ControllableMessageStore(real);
        MessageBatchWriter writer = writer(store, ONE_LANE.withQueueCapacity(1).withRetries(1, Duration.ZERO));
        String a = newConv();
        store.holdNext();
        CompletableFuture<Void> a1 = writer.append(text(a, 1, null), 0);
        store.awaitHeld();
        CompletableFuture<Void> a2 = writer.append(text(a, 2, null), 0);
        assertThat(failureOf(writer.append(text(a, 3, null), 0)).code()).isEqualTo(ErrorCode.OVERLOADED);
        assertThat(writer.renumbering(a, 0)).isEqualTo(new MessageBatchWriter.Renumbering(1, 3));

        store.failNext(1);
        store.release();
        assertThat(failureOf(a1).code()).isEqualTo(ErrorCode.INTERNAL);
        assertThat(failureOf(a2).code()).as("numbered after the failed seq 1").isEqualTo(ErrorCode.INTERNAL);
        CompletableFuture<Void> renumberedForSeq3 = writer.append(text(a, 3, null), 1);

        assertThat(failureOf(renumberedForSeq3).code()).as("numbered before the router knew seq 1 failed")
                .isEqualTo(ErrorCode.INTERNAL);
        MessageBatchWriter.Renumbering back = writer.renumbering(a, 1);
        assertThat(back).isEqualTo(new MessageBatchWriter.Renumbering(2, 1));
        assertThat(writer.renumbering(a, 2)).isNull();
        assertThat(writer.append(text(a, 1, null), 2)).succeedsWithin(WAIT);
        assertThat(writer.append(text(a, 2, null), 2)).succeedsWithin(WAIT);
        assertThat(seqs(real, a)).containsExactly(1L, 2L);
    }

    @Test
    void a_paced_lane_writes_what_arrives_within_its_interval_in_one_commit_and_in_seq_order() throws Exception {
        MessageStore real = store(Dialect.H2);
        ControllableMessageStore store = new ControllableMessageStore(real);
        // The clock moves only when the test ends a pause: every batch after the first waits for it.
        ManualTicker ticker = new ManualTicker(0);
        MessageBatchWriter writer = writer(store, ONE_LANE.withPace(new BatchLoop.Pace(5_000_000, ticker)));
        String a = newConv();
        String b = newConv();

        assertThat(writer.append(text(a, 1, "c1"), 0)).succeedsWithin(WAIT);
        CompletableFuture<Void> a2 = writer.append(text(a, 2, "c2"), 0);
        assertThat(ticker.awaitPause()).isEqualTo(5_000_000L);
        CompletableFuture<Void> b1 = writer.append(text(b, 1, "c3"), 0);
        CompletableFuture<Void> a3 = writer.append(text(a, 3, "c4"), 0);
        assertThat(a2).isNotDone();
        ticker.endPause();

        assertThat(CompletableFuture.allOf(a2, b1, a3)).succeedsWithin(WAIT);
        assertThat(store.batchSizes()).containsExactly(1, 3);
        assertThat(seqs(real, a)).containsExactly(1L, 2L, 3L);
        assertThat(seqs(real, b)).containsExactly(1L);
    }

    @Test
    void lanes_that_may_not_commit_at_once_wait_for_each_other_and_take_what_arrived_meanwhile() throws Exception {
        MessageStore real = store(Dialect.H2);
        ControllableMessageStore store = new ControllableMessageStore(real);
        MessageBatchWriter writer = writer(store, ONE_LANE.withLanes(4).withCommitsAtOnce(1));
        String a = newConv();
        String b = newConv();
        while (MessageBatchWriter.laneIndex(b, 4) == MessageBatchWriter.laneIndex(a, 4)) {
            b = newConv();
        }
        store.holdNext();
        CompletableFuture<Void> a1 = writer.append(text(a, 1, null), 0);
        store.awaitHeld();

        // b's lane takes b1 and waits at the gate while a's commits; b2 and b3 join it there.
        List<CompletableFuture<Void>> bs = new ArrayList<>();
        for (long seq = 1; seq <= 3; seq++) {
            bs.add(writer.append(text(b, seq, null), 0));
        }
        assertThat(bs.get(0)).isNotDone();
        store.release();

        assertThat(CompletableFuture.allOf(a1, bs.get(0), bs.get(1), bs.get(2))).succeedsWithin(WAIT);
        assertThat(store.batchSizes()).containsExactly(1, 3);
        assertThat(seqs(real, b)).containsExactly(1L, 2L, 3L);

        List<CompletableFuture<Void>> many = new ArrayList<>();
        for (String conv : newConvs(40)) {
            for (long seq = 1; seq <= 5; seq++) {
                many.add(writer.append(text(conv, seq, null), 0));
            }
        }
        assertThat(CompletableFuture.allOf(many.toArray(CompletableFuture[]::new))).succeedsWithin(WAIT);
        assertThat(store.mostAtOnce()).as("commits at once over four lanes").isEqualTo(1);
    }

    @Test
    void a_database_error_is_retried_and_the_batch_then_commits() {
        MessageStore real = store(Dialect.H2);
        ControllableMessageStore store = new ControllableMessageStore(real);
        MessageBatchWriter writer = writer(store, ONE_LANE);
        String a = newConv();
        store.failNext(2);

        assertThat(writer.append(text(a, 1, null), 0)).succeedsWithin(WAIT);

        assertThat(store.batchSizes()).containsExactly(1, 1, 1);
        assertThat(seqs(real, a)).containsExactly(1L);
    }

    @Test
    void a_retry_that_meets_the_rows_of_a_commit_whose_acknowledgement_was_lost_succeeds() throws Exception {
        MessageStore real = store(Dialect.H2);
        ControllableMessageStore store = new ControllableMessageStore(real);
        MessageBatchWriter writer = writer(store, ONE_LANE);
        String a = newConv();
        store.holdNext();
        CompletableFuture<Void> held = writer.append(text(newConv(), 1, null), 0);
        store.awaitHeld();
        CompletableFuture<Void> a1 = writer.append(text(a, 1, "c-1"), 0);
        CompletableFuture<Void> a2 = writer.append(text(a, 2, "c-2"), 0);
        store.loseCommitAckNext(2);
        store.release();

        assertThat(CompletableFuture.allOf(held, a1, a2)).succeedsWithin(WAIT);

        assertThat(seqs(real, a)).containsExactly(1L, 2L);
        assertThat(failureCount(MessageWriterMeters.DUPLICATE)).isZero();
        assertThat(store.madeDurable()).as("commits reported failed are not known durable: once for each message"
                + " found stored (the held one, a1, a2)").isEqualTo(3);
    }

    @Test
    void a_message_found_stored_by_a_failed_attempt_is_not_acknowledged_until_it_is_durable() {
        MessageStore real = store(Dialect.H2);
        ControllableMessageStore store = new ControllableMessageStore(real);
        MessageBatchWriter writer = writer(store, ONE_LANE);
        String a = newConv();
        store.loseCommitAckNext(1);
        store.failDurableNext(1);

        assertThat(failureOf(writer.append(text(a, 1, "c-1"), 0)).code()).isEqualTo(ErrorCode.INTERNAL);
        assertThat(seqs(real, a)).as("committed, but not known to be durable").containsExactly(1L);

        assertThat(writer.append(text(a, 1, "c-1"), 1)).as("the retry, in the next epoch").succeedsWithin(WAIT);
        assertThat(store.madeDurable()).isEqualTo(2);
        assertThat(seqs(real, a)).containsExactly(1L);
    }

    @Test
    void a_database_that_stays_down_fails_the_messages_until_the_next_epoch() {
        MessageStore real = store(Dialect.H2);
        ControllableMessageStore store = new ControllableMessageStore(real);
        MessageBatchWriter writer = writer(store, ONE_LANE);
        String a = newConv();
        store.failNext(Integer.MAX_VALUE);

        assertThat(failureOf(writer.append(text(a, 1, null), 0)).code()).isEqualTo(ErrorCode.INTERNAL);
        store.failNext(0);

        assertThat(failureOf(writer.append(text(a, 2, null), 0)).code()).isEqualTo(ErrorCode.INTERNAL);
        assertThat(writer.append(text(a, 1, null), 1)).succeedsWithin(WAIT);
        assertThat(failureCount(MessageWriterMeters.DATABASE)).isEqualTo(1);
        assertThat(failureCount(MessageWriterMeters.CASCADE)).isEqualTo(1);
    }

    @Test
    void forget_drops_a_conversations_failures() {
        MessageStore real = store(Dialect.H2);
        MessageBatchWriter writer = writer(real, ONE_LANE);
        String a = newConv();
        real.insertBatch(List.of(text(a, 1, "someone-else")));
        assertThat(writer.append(text(a, 1, null), 0)).failsWithin(WAIT);

        writer.forget(a);

        assertThat(writer.append(text(a, 2, null), 0)).succeedsWithin(WAIT);
    }

    @Test
    void close_writes_what_is_queued_and_then_refuses_appends() throws Exception {
        MessageStore real = store(Dialect.H2);
        ControllableMessageStore store = new ControllableMessageStore(real);
        MessageBatchWriter writer = new MessageBatchWriter(store, ONE_LANE, registry);
        String a = newConv();
        store.holdNext();
        CompletableFuture<Void> held = writer.append(text(a, 1, null), 0);
        store.awaitHeld();
        CompletableFuture<Void> queued = writer.append(text(a, 2, null), 0);
        store.release();

        writer.close();

        assertThat(held).isCompleted();
        assertThat(queued).isCompleted().succeedsWithin(Duration.ZERO);
        assertThat(failureOf(writer.append(text(a, 3, null), 0))).satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.OVERLOADED);
            assertThat(e).hasMessage("message writer is closed");
        });
        assertThat(seqs(real, a)).containsExactly(1L, 2L);
    }

    /**
     * Cluster mode: a shop's router stops (its shop moved, or the node lost its lease) while its messages wait in the
     * queue. They are not stored, whatever the fence says; the other routers' messages of the same batch are.
     */
    @ParameterizedTest
    @EnumSource(Dialect.class)
    void the_messages_of_a_router_that_stopped_while_they_waited_are_refused_and_their_neighbours_stored(Dialect d)
            throws Exception {
        MessageStore real = store(d);
        ControllableMessageStore store = new ControllableMessageStore(real);
        MessageBatchWriter writer = writer(store, ONE_LANE);
        String a = newConv();
        String b = newConv();
        java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();
        store.holdNext();
        CompletableFuture<Void> held = writer.append(text(newConv(), 1, null), 0);
        store.awaitHeld();
        CompletableFuture<Void> a1 = writer.append(text(a, 1, null), 0, stopped::get);
        CompletableFuture<Void> b1 = writer.append(text(b, 1, null), 0, () -> false);
        CompletableFuture<Void> a2 = writer.append(text(a, 2, null), 0, stopped::get);

        stopped.set(true);
        store.release();

        assertThat(CompletableFuture.allOf(held, b1)).succeedsWithin(WAIT);
        for (CompletableFuture<Void> refused : List.of(a1, a2)) {
            assertThat(failureOf(refused)).satisfies(e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.OVERLOADED);
                assertThat(e).hasMessageContaining("no longer served by this node");
            });
        }
        assertThat(seqs(real, a)).isEmpty();
        assertThat(seqs(real, b)).containsExactly(1L);
        assertThat(failureCount(MessageWriterMeters.MOVED)).isEqualTo(2);
        assertThat(writer.renumbering(a, 0)).as("a stopped router numbers nothing more").isNull();
    }

    /**
     * The quick-relet case: the node's fence passes (it holds a lease again, a new one), but a router stopped after its
     * message was taken into a batch and before the batch's transaction held the fence. The fence, asking
     * {@link WriteGuard} inside the transaction, refuses the batch; written again one by one, only the stopped router's
     * message fails.
     */
    @ParameterizedTest
    @EnumSource(Dialect.class)
    void a_router_that_stops_while_its_batch_waits_for_the_fence_loses_only_its_own_messages(Dialect d)
            throws Exception {
        JdbcMessageStore real = (JdbcMessageStore) store(d);
        java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger checks = new java.util.concurrent.atomic.AtomicInteger();
        real.fenceWith(c -> {
            if (checks.incrementAndGet() == 2) {
                stopped.set(true); // the router stops while the second batch's transaction takes the fence's lock
            }
            if (WriteGuard.retired()) {
                throw new KefuException(ErrorCode.OVERLOADED, "this node no longer holds its cluster lease");
            }
        });
        ControllableMessageStore store = new ControllableMessageStore(real);
        MessageBatchWriter writer = writer(store, ONE_LANE);
        String a = newConv();
        String b = newConv();
        store.holdNext();
        CompletableFuture<Void> held = writer.append(text(newConv(), 1, null), 0);
        store.awaitHeld();
        CompletableFuture<Void> a1 = writer.append(text(a, 1, null), 0, stopped::get);
        CompletableFuture<Void> b1 = writer.append(text(b, 1, null), 0, () -> false);
        checks.set(0);
        store.release();

        assertThat(CompletableFuture.allOf(held, b1)).succeedsWithin(WAIT);
        assertThat(failureOf(a1).code()).isEqualTo(ErrorCode.OVERLOADED);
        assertThat(store.batchSizes()).as("the held one, the batch the fence refused, then b1 alone")
                .containsExactly(1, 2, 1);
        assertThat(seqs(real, a)).isEmpty();
        assertThat(seqs(real, b)).containsExactly(1L);
        assertThat(failureCount(MessageWriterMeters.MOVED)).isEqualTo(1);
    }

    private double failureCount(String reason) {
        return registry.counter(MessageWriterMeters.FAILURES, "reason", reason).count();
    }

    private static KefuException failureOf(CompletableFuture<?> f) {
        assertThat(f).failsWithin(WAIT);
        Throwable cause = f.handle((v, e) -> e).join();
        assertThat(cause).isInstanceOf(KefuException.class);
        return (KefuException) cause;
    }

    private static List<Long> seqs(MessageStore store, String conv) {
        return store.after(conv, 0, 1_000).stream().map(Msg::seq).toList();
    }

    private static Msg text(String conv, long seq, String cmid) {
        return new Msg(conv, seq, BUYER, "text", Body.text("m" + seq), seq, cmid);
    }

    private static String newConv() {
        return "conv-" + UUID.randomUUID();
    }

    private static List<String> newConvs(int n) {
        List<String> convs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            convs.add(newConv());
        }
        return convs;
    }
}
