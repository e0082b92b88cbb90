package io.kefu.server.store;

import io.kefu.protocol.ErrorCode;
import io.kefu.protocol.Msg;
import io.kefu.server.base.KefuException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One batch of a {@link MessageWriterLane}: drops the messages the gap-free rule dooms and those whose router has
 * stopped (cluster mode), writes the rest in one transaction (retrying database errors with backoff), falls back to
 * one message per transaction when the batch fails, then completes every future in batch order. Runs on the lane's
 * thread; used once.
 */
final class MessageBatch {
    private static final Logger log = LoggerFactory.getLogger(MessageBatch.class);

    private final int lane;
    private final List<PendingMessage> pending;
    private final MessageStore store;
    private final MessageBatchWriter.Settings settings;
    private final ConversationFailures failures;
    private final MessageWriterMeters meters;
    /** Per message: {@code null} while it may still be written or once it is, else why it failed. */
    private final String[] reasons;
    private final KefuException[] errors;

    MessageBatch(int lane, List<PendingMessage> pending, MessageStore store, MessageBatchWriter.Settings settings,
                 ConversationFailures failures, MessageWriterMeters meters) {
        this.lane = lane;
        this.pending = pending;
        this.store = store;
        this.settings = settings;
        this.failures = failures;
        this.meters = meters;
        this.reasons = new String[pending.size()];
        this.errors = new KefuException[pending.size()];
    }

    void write() {
        meters.batch(pending.size());
        List<Integer> live = new ArrayList<>(pending.size());
        for (int i = 0; i < pending.size(); i++) {
            if (!failIfDoomed(i)) {
                live.add(i);
            }
        }
        if (!live.isEmpty()) {
            RuntimeException batchFailure = insertWithRetries(live);
            if (batchFailure != null) {
                log.warn("message writer lane {}: batch of {} failed ({}){}", lane, live.size(),
                        safeDescription(batchFailure), live.size() > 1 ? "; writing them one by one" : "");
                if (live.size() == 1) {
                    failWith(live.get(0), batchFailure);
                } else {
                    writeOneByOne(live);
                }
            }
        }
        completeInOrder();
    }

    /** The whole batch in one transaction; {@code null} when committed, else the last failure. */
    private RuntimeException insertWithRetries(List<Integer> live) {
        List<Msg> messages = new ArrayList<>(live.size());
        for (int i : live) {
            messages.add(pending.get(i).msg());
        }
        BooleanSupplier anyRetired = () -> anyRetired(live);
        long backoffMs = settings.retryBackoff().toMillis();
        for (int attempt = 1; ; attempt++) {
            RuntimeException failure = insert(messages, anyRetired);
            if (failure == null || !isRetryable(failure) || attempt >= settings.maxAttempts()) {
                return failure;
            }
            if (!pause(backoffMs)) {
                return failure;
            }
            backoffMs *= 2;
        }
    }

    /**
     * After a failed batch: each message in its own transaction, so only bad rows fail. A database
     * error (not a bad row) on one message means the database is down: the rest fail without trying.
     */
    private void writeOneByOne(List<Integer> live) {
        RuntimeException databaseDown = null;
        for (int i : live) {
            if (failIfDoomed(i)) {
                continue;
            }
            PendingMessage p = pending.get(i);
            RuntimeException failure = databaseDown != null ? databaseDown : insert(List.of(p.msg()), p::retired);
            if (failure != null) {
                failWith(i, failure);
                if (isRetryable(failure)) {
                    databaseDown = failure;
                }
            }
        }
    }

    private void failWith(int i, RuntimeException failure) {
        if (isRetryable(failure)) {
            fail(i, MessageWriterMeters.DATABASE, ErrorCode.INTERNAL,
                    "database error (" + sqlStateOf(failure) + ")", failure);
        } else if (failure instanceof StoreException s && s.isUniqueViolation()) {
            if (alreadyStored(pending.get(i).msg())) {
                failedToMakeDurable(i);
                return;
            }
            PendingMessage p = pending.get(i);
            StoredCmid original = storedCmid(p.msg());
            if (original != null && failedToMakeDurable(i)) {
                return; // answered with the original only once it is durable
            }
            // Not the cmid: the seq is held by another row, one the router does not know was stored (a batch whose
            // commit was reported failed). Numbering again from this seq would meet it again, forever: go on after
            // the last stored one.
            long renumberFrom = original != null ? p.seq() : Math.max(p.seq(), lastStoredSeq(p.conv()) + 1);
            fail(i, MessageWriterMeters.DUPLICATE, ErrorCode.INVALID_STATE,
                    "its seq or client message id is already stored", failure, renumberFrom);
            if (original != null) {
                errors[i] = new DuplicateCmidException("message " + p.conv() + "/" + p.seq() + " is a retry of "
                        + p.conv() + "/" + original.seq(), original, failure);
            }
        } else if (failure instanceof io.kefu.server.base.KefuException k) {
            // Refused before the database was asked (a cluster node that may no longer write, or a router that
            // stopped while the write waited for the fence): its own answer.
            fail(i, pending.get(i).retired() ? MessageWriterMeters.MOVED : MessageWriterMeters.REJECTED, k.code(),
                    k.getMessage(), failure);
        } else {
            fail(i, MessageWriterMeters.REJECTED, ErrorCode.INTERNAL,
                    "the database refused it (" + safeDescription(failure) + ")", failure);
        }
    }

    /**
     * Whether the row at the message's seq is this very message. It is when an earlier attempt
     * committed but lost the connection before the commit was acknowledged: the retry then meets its
     * own row. Failing it would make the router renumber onto a seq that is taken, forever.
     */
    private boolean alreadyStored(Msg m) {
        List<Msg> stored;
        try {
            stored = store.after(m.conv(), m.seq() - 1, 1);
        } catch (RuntimeException e) {
            return false;
        }
        if (stored.isEmpty() || !sameMessage(stored.get(0), m)) {
            return false;
        }
        log.info("message writer lane {}: message {}/{} was stored by an attempt whose commit went"
                + " unacknowledged", lane, m.conv(), m.seq());
        return true;
    }

    /**
     * Message {@code i} was found stored by an earlier attempt reported failed: that attempt's commit may not have
     * been made durable (H2: neither journaled nor checkpointed), and its {@code ok} is about to go out. Makes it
     * durable; when that fails, fails the message with that failure and says so.
     */
    private boolean failedToMakeDurable(int i) {
        try {
            store.makeCommittedDurable();
            return false;
        } catch (RuntimeException e) {
            failWith(i, e);
            return true;
        }
    }

    /** The conversation's highest stored seq, or 0 when the store cannot say (the failed seq is used then). */
    private long lastStoredSeq(String conv) {
        try {
            return store.lastSeq(conv);
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** Where the message's client message id was stored before, or null (none, or the store cannot say). */
    private StoredCmid storedCmid(Msg m) {
        if (m.cmid() == null) {
            return null;
        }
        try {
            return store.findCmid(m.conv(), m.from().id(), m.cmid()).orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Same row: the router sets ts, so a repeat of a write has the same one; bodies are not compared. */
    private static boolean sameMessage(Msg stored, Msg m) {
        return stored.seq() == m.seq() && stored.ts() == m.ts() && stored.conv().equals(m.conv())
                && Objects.equals(stored.from(), m.from()) && Objects.equals(stored.kind(), m.kind())
                && Objects.equals(stored.cmid(), m.cmid());
    }

    /**
     * One transaction for {@code messages}; {@code retired} tells the cluster's fence, inside the transaction, whether
     * a router among theirs has stopped meanwhile ({@link WriteGuard}). {@code null} when committed, else the failure.
     */
    private RuntimeException insert(List<Msg> messages, BooleanSupplier retired) {
        long start = System.nanoTime();
        try {
            WriteGuard.call(retired, () -> {
                store.insertBatch(messages);
                return null;
            });
            meters.committed(System.nanoTime() - start);
            return null;
        } catch (RuntimeException e) {
            return e;
        } catch (Exception e) {
            return new IllegalStateException(e); // insertBatch throws nothing checked
        }
    }

    private boolean anyRetired(List<Integer> indices) {
        for (int i : indices) {
            if (pending.get(i).retired()) {
                return true;
            }
        }
        return false;
    }

    /** Fails message {@code i} unwritten when its router has stopped or an earlier failure dooms it. */
    private boolean failIfDoomed(int i) {
        PendingMessage p = pending.get(i);
        if (p.retired()) {
            reasons[i] = MessageWriterMeters.MOVED;
            errors[i] = new KefuException(ErrorCode.OVERLOADED, "message " + p.conv() + "/" + p.seq() + " not stored:"
                    + " its shop is no longer served by this node; retry (the shop's new owner stores it)");
            return true;
        }
        if (!failures.dooms(p.conv(), p.epoch(), p.seq())) {
            return false;
        }
        reasons[i] = MessageWriterMeters.CASCADE;
        errors[i] = new KefuException(ErrorCode.INTERNAL, "message " + p.conv() + "/" + p.seq() + " (epoch "
                + p.epoch() + ") not stored: an earlier message of the conversation failed; it is numbered again"
                + " in epoch " + failures.failedEpoch(p.conv()));
        return true;
    }

    private void fail(int i, String reason, ErrorCode code, String why, Throwable cause) {
        fail(i, reason, code, why, cause, pending.get(i).seq());
    }

    /** Fails message {@code i}; its conversation numbers again from {@code renumberFrom} in a new epoch. */
    private void fail(int i, String reason, ErrorCode code, String why, Throwable cause, long renumberFrom) {
        PendingMessage p = pending.get(i);
        if (!p.retired()) { // a stopped router numbers nothing more
            failures.record(p.conv(), p.epoch(), renumberFrom);
        }
        if (MessageWriterMeters.DATABASE.equals(reason)) {
            // An outage fails a whole queue; the batch's warning already said why.
            log.debug("message writer lane {}: message {}/{} (epoch {}) not stored: {}", lane, p.conv(), p.seq(),
                    p.epoch(), reason);
        } else {
            log.warn("message writer lane {}: message {}/{} (epoch {}) not stored: {}", lane, p.conv(), p.seq(),
                    p.epoch(), reason);
        }
        reasons[i] = reason;
        errors[i] = new KefuException(code, "message " + p.conv() + "/" + p.seq() + " not stored: " + why, cause);
    }

    private void completeInOrder() {
        for (int i = 0; i < pending.size(); i++) {
            if (reasons[i] == null) {
                pending.get(i).future().complete(null);
            } else {
                meters.failed(pending.get(i), reasons[i], errors[i]);
            }
        }
    }

    /** A database error that is not about the row (connection lost, timeout, deadlock): worth retrying. */
    private static boolean isRetryable(RuntimeException e) {
        SQLException sql = SqlErrors.find(e);
        return sql != null && !SqlErrors.isDataError(SqlErrors.sqlState(sql));
    }

    private static String sqlStateOf(RuntimeException e) {
        SQLException sql = SqlErrors.find(e);
        return sql == null ? "no SQLState" : "SQLState " + SqlErrors.sqlState(sql);
    }

    /** Never a driver message that could quote a message body. */
    private static String safeDescription(RuntimeException e) {
        SQLException sql = SqlErrors.find(e);
        return sql != null ? SqlErrors.describe(sql) : e.getClass().getSimpleName();
    }

    /** Sleeps between attempts (on the lane's own thread, which has nothing else to do). */
    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
