package io.kefu.server.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What keeps the seq of a conversation gap-free when writes fail: per conversation, the failures the
 * writer has seen, each as "every message numbered in an epoch below {@code epoch}, from {@code seq} on,
 * is doomed". The writer fails a doomed message unwritten; the router, before it numbers the next message
 * (and when a write fails), adopts the newest epoch and numbers again from the lowest failed seq it has
 * not yet adopted ({@link #renumbering}).
 *
 * <p>The epoch of a failure is chosen here, not by the router: one past every epoch seen so far for the
 * conversation. So a failure that arrives late (an older message failing in the database after a newer
 * one was refused by a full queue and the router had already renumbered) still dooms the messages the
 * router numbered in the meantime, and the router, seeing a newer epoch, goes back to the older seq.
 *
 * <p>Only messages numbered at or after a failed seq are doomed, not every older-epoch message still
 * queued: an append refused because its lane is full fails at once, ahead of earlier messages of its
 * conversation still in the queue, and those must still be written or seq would have a hole.
 *
 * <p>Thread-safe: written by lane threads and {@code append} callers, read by routers, cleared by the
 * router when the conversation closes.
 */
final class ConversationFailures {
    /** Messages numbered in an epoch below {@code epoch} with a seq of at least {@code seq} are doomed. */
    record Failure(int epoch, long seq) {
        boolean dooms(int messageEpoch, long messageSeq) {
            return messageEpoch < epoch && messageSeq >= seq;
        }

        boolean covers(Failure other) {
            return epoch >= other.epoch && seq <= other.seq;
        }
    }

    /** A conversation's failures, none covering another; almost always one. Replaced, never mutated. */
    private final ConcurrentHashMap<String, List<Failure>> byConv = new ConcurrentHashMap<>();

    /** Records that message {@code (epoch, seq)} failed, unless an earlier failure already doomed it. */
    void record(String convId, int epoch, long seq) {
        byConv.compute(convId, (id, failures) -> {
            if (failures == null) {
                return List.of(new Failure(epoch + 1, seq));
            }
            int newest = epoch;
            for (Failure f : failures) {
                if (f.dooms(epoch, seq)) {
                    return failures;
                }
                newest = Math.max(newest, f.epoch);
            }
            Failure added = new Failure(newest + 1, seq);
            List<Failure> kept = new ArrayList<>(failures.size() + 1);
            for (Failure f : failures) {
                if (!added.covers(f)) {
                    kept.add(f);
                }
            }
            kept.add(added);
            return List.copyOf(kept);
        });
    }

    boolean dooms(String convId, int epoch, long seq) {
        List<Failure> failures = byConv.get(convId);
        if (failures == null) {
            return false;
        }
        for (Failure f : failures) {
            if (f.dooms(epoch, seq)) {
                return true;
            }
        }
        return false;
    }

    /** The newest failure epoch of the conversation, for messages; -1 when none. */
    int failedEpoch(String convId) {
        List<Failure> failures = byConv.get(convId);
        int newest = -1;
        if (failures != null) {
            for (Failure f : failures) {
                newest = Math.max(newest, f.epoch);
            }
        }
        return newest;
    }

    /**
     * What a router numbering in {@code knownEpoch} must do: adopt the returned epoch and number again
     * from its seq (the lowest seq failed since {@code knownEpoch}); {@code null} when nothing newer failed.
     */
    Failure renumbering(String convId, int knownEpoch) {
        List<Failure> failures = byConv.get(convId);
        if (failures == null) {
            return null;
        }
        int epoch = knownEpoch;
        long seq = Long.MAX_VALUE;
        for (Failure f : failures) {
            if (f.epoch > knownEpoch) {
                epoch = Math.max(epoch, f.epoch);
                seq = Math.min(seq, f.seq);
            }
        }
        return epoch == knownEpoch ? null : new Failure(epoch, seq);
    }

    void forget(String convId) {
        byConv.remove(convId);
    }
}
