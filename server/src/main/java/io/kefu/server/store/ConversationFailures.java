package io.kefu.server.store;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The first failed message of each conversation in its newest failed epoch: what keeps the seq of a
 * conversation gap-free. Once message {@code (epoch e, seq s)} of a conversation has failed, every
 * message of that conversation with epoch {@code <= e} and seq {@code >= s} fails too, unwritten. The
 * router then starts epoch {@code e + 1} and numbers again from {@code s}.
 *
 * <p>Only messages numbered after the failed one are doomed, not every older-epoch message still
 * queued: an append rejected because its lane is full fails at once, ahead of earlier messages of its
 * conversation still in the queue, and those must still be written or seq would have a hole before
 * {@code s}.
 *
 * <p>Thread-safe: written by lane threads and {@code append} callers, cleared by the router.
 */
final class ConversationFailures {
    private record Failure(int epoch, long seq) {
    }

    private final ConcurrentHashMap<String, Failure> byConv = new ConcurrentHashMap<>();

    void record(String convId, int epoch, long seq) {
        byConv.merge(convId, new Failure(epoch, seq), ConversationFailures::earliestOfNewestEpoch);
    }

    boolean dooms(String convId, int epoch, long seq) {
        Failure f = byConv.get(convId);
        return f != null && epoch <= f.epoch && seq >= f.seq;
    }

    /** The epoch of the conversation's recorded failure, for messages; -1 when none. */
    int failedEpoch(String convId) {
        Failure f = byConv.get(convId);
        return f == null ? -1 : f.epoch;
    }

    void forget(String convId) {
        byConv.remove(convId);
    }

    private static Failure earliestOfNewestEpoch(Failure old, Failure added) {
        if (added.epoch != old.epoch) {
            return added.epoch > old.epoch ? added : old;
        }
        return added.seq < old.seq ? added : old;
    }
}
