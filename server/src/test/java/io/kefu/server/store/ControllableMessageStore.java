package io.kefu.server.store;

import io.kefu.protocol.Msg;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link MessageStore} that delegates to a real one and lets a test hold a batch ({@link #holdNext})
 * so that what is appended meanwhile queues up into one batch, or fail calls as if the database were
 * unreachable ({@link #failNext}). Records the size of every {@code insertBatch} call.
 */
final class ControllableMessageStore implements MessageStore {
    private final MessageStore delegate;
    private final List<Integer> batchSizes = new ArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger lostAcksLeft = new AtomicInteger();
    private final AtomicInteger madeDurable = new AtomicInteger();
    private final AtomicInteger durableFailuresLeft = new AtomicInteger();
    private final AtomicInteger writing = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();
    private volatile CountDownLatch entered = new CountDownLatch(0);
    private volatile CountDownLatch release = new CountDownLatch(0);
    private volatile boolean holdNext;

    ControllableMessageStore(MessageStore delegate) {
        this.delegate = delegate;
    }

    /** The next {@code insertBatch} waits for {@link #release()}; {@link #awaitHeld()} waits for it to start. */
    void holdNext() {
        entered = new CountDownLatch(1);
        release = new CountDownLatch(1);
        holdNext = true;
    }

    void awaitHeld() throws InterruptedException {
        if (!entered.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("no batch reached the store");
        }
    }

    void release() {
        release.countDown();
    }

    /** The next {@code n} calls fail with a connection error (SQLState 08006), writing nothing. */
    void failNext(int n) {
        failuresLeft.set(n);
    }

    /**
     * The next {@code n} calls write, then fail with a connection error as if the commit's
     * acknowledgement had been lost.
     */
    void loseCommitAckNext(int n) {
        lostAcksLeft.set(n);
    }

    /** How many times the writer asked for committed messages to be made durable. */
    int madeDurable() {
        return madeDurable.get();
    }

    /** The next {@code n} calls of {@link #makeCommittedDurable} fail with a connection error. */
    void failDurableNext(int n) {
        durableFailuresLeft.set(n);
    }

    @Override
    public void makeCommittedDurable() {
        madeDurable.incrementAndGet();
        if (durableFailuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new StoreException("checkpoint", new SQLException("connection lost", "08006"));
        }
        delegate.makeCommittedDurable();
    }

    /** The most {@code insertBatch} calls that were running at the same time. */
    int mostAtOnce() {
        return mostAtOnce.get();
    }

    synchronized List<Integer> batchSizes() {
        return List.copyOf(batchSizes);
    }

    @Override
    public void insertBatch(List<Msg> messages) {
        mostAtOnce.accumulateAndGet(writing.incrementAndGet(), Math::max);
        try {
            insertCounted(messages);
        } finally {
            writing.decrementAndGet();
        }
    }

    private void insertCounted(List<Msg> messages) {
        synchronized (this) {
            batchSizes.add(messages.size());
        }
        if (holdNext) {
            holdNext = false;
            entered.countDown();
            awaitRelease();
        }
        if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new StoreException("insert messages", new SQLException("connection lost", "08006"));
        }
        delegate.insertBatch(messages);
        if (lostAcksLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new StoreException("insert messages", new SQLException("connection reset", "08006"));
        }
    }

    private void awaitRelease() {
        try {
            if (!release.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("held batch never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public List<Msg> before(String convId, long beforeSeq, int limit) {
        return delegate.before(convId, beforeSeq, limit);
    }

    @Override
    public List<Msg> after(String convId, long afterSeq, int limit) {
        return delegate.after(convId, afterSeq, limit);
    }

    @Override
    public long lastSeq(String convId) {
        return delegate.lastSeq(convId);
    }

    @Override
    public Activity activity(String convId) {
        return delegate.activity(convId);
    }

    @Override
    public Map<String, StoredCmid> recentCmids(String convId, int limit) {
        return delegate.recentCmids(convId, limit);
    }

    @Override
    public java.util.Optional<StoredCmid> findCmid(String convId, String senderId, String cmid) {
        return delegate.findCmid(convId, senderId, cmid);
    }
}
