package io.kefu.server.store;

import io.kefu.protocol.ErrorCode;
import io.kefu.protocol.Msg;
import io.kefu.server.base.BatchLoop;
import io.kefu.server.base.KefuException;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit of chat messages, the hot path between a router assigning a seq and the {@code ok}
 * that says the message is durable.
 *
 * <p>Conversations are sharded by id hash over {@link Settings#lanes()} lanes. Each lane is one
 * dedicated thread, {@code kefu-msg-writer-N}, draining its own bounded queue: it takes whatever is
 * waiting (up to {@link Settings#maxBatch()}), writes it with one {@link MessageStore#insertBatch}
 * transaction, then completes the futures in queue order. One conversation always uses the same lane,
 * so its futures complete in seq order. A lane with a {@link Settings#pace()} starts a batch at most once per
 * interval: under load its batches grow instead of its commits multiplying (H2, where each commit writes whole
 * pages to the file). With {@link Settings#commitsAtOnce()} below the lanes, a lane with messages waits while that
 * many others commit, and its batch takes what arrived meanwhile: the batches grow with the load and close as soon
 * as the database is free (PostgreSQL, where a commit's fixed cost is about as much as its rows').
 *
 * <p>Gap-free rule: the router assigns seq before the write and must never leave a hole. When a
 * message of conversation c with seq s fails (database error after {@link Settings#maxAttempts()}
 * attempts, full lane queue, duplicate row), the writer gives the failure a new epoch E, one past every
 * epoch it has seen for c, and every message of c numbered in an epoch below E with a seq of at least
 * s that is not yet committed fails too, without being written. The router asks {@link #renumbering}
 * before it numbers a message and when a write fails, moves to E and numbers again from s; those
 * messages go through. Because E comes from the writer, a failure that arrives after the router has
 * already renumbered for a newer one (an older message failing in the database after a later one was
 * refused by a full queue) still dooms what the router numbered in between, and sends it back to the
 * older seq. {@link #forget} drops the record of c's failures when c closes. When a whole batch fails
 * on a bad row, its messages are written again one by one, so that only the bad row fails (and, by the
 * rule, the later messages of its conversation). A retry that finds a message's own row already there
 * (its first commit succeeded but the acknowledgement was lost) counts it as stored.
 *
 * <p>Threads: {@link #append} and {@link #forget} are called from any thread (router executors) and
 * never block; the writes run on the lane threads, and <b>futures complete on a lane thread</b>, so
 * callers continue on their own executor ({@code whenCompleteAsync(..., routerExecutor)}) rather than
 * run their work on the writer. {@link #close} blocks its caller while the lanes drain.
 */
public final class MessageBatchWriter implements AutoCloseable {

    /**
     * How the writer is sized. {@code retryBackoff} is the pause before the second attempt of a failed
     * batch, doubled before each further one. {@code pace}: the least time between the starts of two batches
     * of one lane ({@link BatchLoop.Pace}; none by default). {@code commitsAtOnce}: how many lanes may write at once
     * ({@link BatchLoop.Gate}); 0, the default, or as many as the lanes: all of them.
     */
    public record Settings(int lanes, int queueCapacity, int maxBatch, int maxAttempts, Duration retryBackoff,
                           BatchLoop.Pace pace, int commitsAtOnce) {
        /** Two lanes keep two cores busy; 256 rows is about one round trip's worth on PostgreSQL. */
        public static final Settings DEFAULT = new Settings(2, 10_000, 256, 3, Duration.ofMillis(20),
                BatchLoop.Pace.NONE, 0);

        public Settings {
            require(lanes >= 1, "lanes must be at least 1, was " + lanes);
            require(queueCapacity >= 1, "queueCapacity must be at least 1, was " + queueCapacity);
            require(maxBatch >= 1, "maxBatch must be at least 1, was " + maxBatch);
            require(maxAttempts >= 1, "maxAttempts must be at least 1, was " + maxAttempts);
            Objects.requireNonNull(retryBackoff, "retryBackoff");
            require(!retryBackoff.isNegative(), "retryBackoff must not be negative, was " + retryBackoff);
            Objects.requireNonNull(pace, "pace");
            require(commitsAtOnce >= 0, "commitsAtOnce must not be negative, was " + commitsAtOnce);
        }

        public Settings withLanes(int n) {
            return new Settings(n, queueCapacity, maxBatch, maxAttempts, retryBackoff, pace, commitsAtOnce);
        }

        public Settings withQueueCapacity(int n) {
            return new Settings(lanes, n, maxBatch, maxAttempts, retryBackoff, pace, commitsAtOnce);
        }

        public Settings withMaxBatch(int n) {
            return new Settings(lanes, queueCapacity, n, maxAttempts, retryBackoff, pace, commitsAtOnce);
        }

        public Settings withRetries(int attempts, Duration backoff) {
            return new Settings(lanes, queueCapacity, maxBatch, attempts, backoff, pace, commitsAtOnce);
        }

        public Settings withPace(BatchLoop.Pace p) {
            return new Settings(lanes, queueCapacity, maxBatch, maxAttempts, retryBackoff, p, commitsAtOnce);
        }

        public Settings withCommitsAtOnce(int n) {
            return new Settings(lanes, queueCapacity, maxBatch, maxAttempts, retryBackoff, pace, n);
        }

        /** How many lanes write at once: {@code commitsAtOnce}, all of them when it is 0, never more. */
        int writingAtOnce() {
            return commitsAtOnce == 0 ? lanes : Math.min(commitsAtOnce, lanes);
        }

        /** The gate the lanes share: open when every lane may write at once. */
        BatchLoop.Gate gate() {
            return writingAtOnce() == lanes ? BatchLoop.Gate.OPEN : BatchLoop.Gate.of(writingAtOnce());
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException("message writer: " + message);
            }
        }
    }

    private static final Logger log = LoggerFactory.getLogger(MessageBatchWriter.class);
    private static final BooleanSupplier NEVER_RETIRED = () -> false;

    /** How long {@link #close()} waits for the lanes to write what is queued. */
    static final long CLOSE_TIMEOUT_MS = 10_000;

    private final List<MessageWriterLane> lanes;
    private final ConversationFailures failures = new ConversationFailures();
    private final MessageWriterMeters meters;
    private volatile boolean closed;

    /** Starts the lane threads. */
    public MessageBatchWriter(MessageStore store, Settings settings, MeterRegistry registry) {
        this.meters = new MessageWriterMeters(registry, this::queueDepth);
        List<MessageWriterLane> created = new ArrayList<>(settings.lanes());
        BatchLoop.Gate gate = settings.gate();
        for (int i = 0; i < settings.lanes(); i++) {
            created.add(new MessageWriterLane(i + 1, store, settings, gate, failures, meters));
        }
        this.lanes = List.copyOf(created);
        lanes.forEach(MessageWriterLane::start);
        log.info("message writer started: {} lanes ({} writing at once), up to {} messages a commit, {} queued a lane,"
                        + " a commit at most every {} µs a lane", settings.lanes(),
                settings.writingAtOnce(), settings.maxBatch(),
                settings.queueCapacity(), TimeUnit.NANOSECONDS.toMicros(settings.pace().intervalNanos()));
    }

    /**
     * Queues the message for the next batch of its lane. The future completes, on a lane thread, when
     * the message is committed, or fails with a {@link KefuException}: {@code OVERLOADED} at once when
     * the lane's queue is full or the writer is closed, otherwise when its batch has been written.
     *
     * @param epoch the router's numbering epoch of the message's conversation (see the class comment)
     */
    public CompletableFuture<Void> append(Msg msg, int epoch) {
        return append(msg, epoch, NEVER_RETIRED);
    }

    /**
     * {@link #append(Msg, int)} for a router that may stop serving its shop while the message waits (cluster mode:
     * the shop moved, or this node lost its lease). Once {@code retired} says so, the message is not stored: it fails
     * with {@code OVERLOADED}, which its sender retries on the shop's new owner. It is asked when the batch is taken
     * and again inside the write's transaction by the cluster's fence ({@link WriteGuard}), after the fence's lock is
     * held, so a message that waited in the queue across a change of lease cannot land behind the new owner's back.
     * Such a failure is not recorded for renumbering: the retired router numbers nothing more.
     */
    public CompletableFuture<Void> append(Msg msg, int epoch, BooleanSupplier retired) {
        PendingMessage pending = new PendingMessage(msg, epoch, retired);
        if (closed) {
            return meters.failed(pending, MessageWriterMeters.CLOSED, closedException());
        }
        MessageWriterLane lane = laneOf(msg.conv());
        if (!lane.offer(pending)) {
            failures.record(msg.conv(), epoch, msg.seq());
            return meters.failed(pending, MessageWriterMeters.OVERLOADED, new KefuException(ErrorCode.OVERLOADED,
                    "message writer lane " + lane.number() + " queue is full (" + lane.depth() + " waiting, capacity "
                            + lane.capacity() + ")"));
        }
        if (closed && lane.remove(pending)) {
            // close() may already have swept this lane; nobody else will complete it.
            return meters.failed(pending, MessageWriterMeters.CLOSED, closedException());
        }
        return pending.future();
    }

    /** A conversation's numbering after failed writes: go on in {@code epoch}, from {@code seq}. */
    public record Renumbering(int epoch, long seq) {
    }

    /**
     * What a router numbering {@code convId} in {@code knownEpoch} must do after failed writes, or
     * {@code null} when nothing failed since it last asked: adopt the epoch and number again from the
     * seq. Any thread; a map lookup when nothing failed.
     */
    public Renumbering renumbering(String convId, int knownEpoch) {
        ConversationFailures.Failure f = failures.renumbering(convId, knownEpoch);
        return f == null ? null : new Renumbering(f.epoch(), f.seq());
    }

    /**
     * Drops the record of the conversation's failed epochs. Call when the conversation is closed and
     * its last append has completed; a message appended after that is written whatever its epoch.
     */
    public void forget(String convId) {
        failures.forget(convId);
    }

    /** Messages waiting in all lanes, for metrics and back-pressure. */
    public int queueDepth() {
        int depth = 0;
        for (MessageWriterLane lane : lanes) {
            depth += lane.depth();
        }
        return depth;
    }

    /**
     * Stops taking messages, lets the lanes write what is queued (up to {@value #CLOSE_TIMEOUT_MS} ms
     * in all), then fails whatever is left with {@code OVERLOADED}. Blocks the calling thread.
     */
    @Override
    public void close() {
        closed = true;
        long deadline = System.nanoTime() + CLOSE_TIMEOUT_MS * 1_000_000;
        for (MessageWriterLane lane : lanes) {
            lane.stop(deadline);
        }
        for (MessageWriterLane lane : lanes) {
            for (PendingMessage left : lane.drainLeftovers()) {
                meters.failed(left, MessageWriterMeters.CLOSED, closedException());
            }
        }
        meters.close();
    }

    private MessageWriterLane laneOf(String convId) {
        return lanes.get(laneIndex(convId, lanes.size()));
    }

    /** The lane of a conversation among {@code lanes}, numbered from 0. */
    static int laneIndex(String convId, int lanes) {
        int h = convId.hashCode();
        return Math.floorMod(h ^ (h >>> 16), lanes);
    }

    private static KefuException closedException() {
        return new KefuException(ErrorCode.OVERLOADED, "message writer is closed");
    }
}
