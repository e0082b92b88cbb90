package io.kefu.server.routing;

import io.kefu.protocol.OkResult.SendResult;
import java.util.Arrays;

/**
 * A conversation's answers to its recently stored messages, by client message id ({@code senderId \0 cmid}): what a
 * retried {@code send} is answered from without asking the store, whose unique {@code (sender, cmid)} stays the
 * truth. At most {@code capacity} answers, in storing order; the oldest go first.
 *
 * <p>Compact on purpose. Every stored message is remembered for about two minutes, which is ten or more young
 * collections at a few thousand messages a second: a map entry, its key and its answer per message were copied by
 * each of them and then filled the old generation (measured in docs/benchmarks.md, "The collector under S2"). Here
 * an answer is four {@code long}s in arrays that grow to the capacity and are then reused: remembering allocates
 * nothing. A key is kept as a 128-bit hash (two independent 64-bit hashes of its characters), so two different ids
 * of one conversation would have to collide in both to be taken for each other; answers that carry more than seq
 * and ts (a quick reply's text, a compliance warning) are kept whole beside them.
 *
 * <p>Not thread-safe: owned by its conversation's router, used on its lane.
 */
final class CmidMemory {
    private static final int INITIAL = 8;

    private final int capacity;
    private long[] hashHi = new long[INITIAL];
    private long[] hashLo = new long[INITIAL];
    private long[] seqs = new long[INITIAL];
    private long[] tss = new long[INITIAL];
    /** Answers with a text or a warning, at their slot; null until the first such answer. */
    private SendResult[] whole;
    private int head;
    private int size;

    CmidMemory(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * Remembers {@code answer} for {@code key}, then forgets the oldest answers while their {@code ts} is before
     * {@code horizon} (the storing order is the order of their times, except for an old answer found in the store,
     * which is forgotten as soon as it is first) or there are more than the capacity. {@code key} is the joined
     * {@code senderId \0 cmid}, as the store lists a conversation's recent ids when a router starts; the router's
     * own calls give the two parts ({@link #remember(String, String, SendResult, long)}), which hash the same.
     */
    void remember(String key, SendResult answer, long horizon) {
        remember(hashHi(key), hashLo(key), answer, horizon);
    }

    /** {@link #remember(String, SendResult, long)} for the key {@code senderId \0 cmid}, without making it. */
    void remember(String senderId, String cmid, SendResult answer, long horizon) {
        remember(hashHi(senderId, cmid), hashLo(senderId, cmid), answer, horizon);
    }

    private void remember(long hi, long lo, SendResult answer, long horizon) {
        if (size == capacity) {
            drop();
        } else if (size == hashHi.length) {
            grow();
        }
        int slot = slot(size);
        hashHi[slot] = hi;
        hashLo[slot] = lo;
        seqs[slot] = answer.seq();
        tss[slot] = answer.ts();
        if (answer.text() != null || answer.warning() != null) {
            if (whole == null) {
                whole = new SendResult[hashHi.length];
            }
            whole[slot] = answer;
        }
        size++;
        while (size > 0 && tss[head] < horizon) {
            drop();
        }
    }

    /** The answer remembered for {@code key} in conversation {@code convId}, or null; the newest first. */
    SendResult find(String key, String convId) {
        return size == 0 ? null : find(hashHi(key), hashLo(key), convId);
    }

    /** {@link #find(String, String)} for the key {@code senderId \0 cmid}, without making it. */
    SendResult find(String senderId, String cmid, String convId) {
        return size == 0 ? null : find(hashHi(senderId, cmid), hashLo(senderId, cmid), convId);
    }

    private SendResult find(long hi, long lo, String convId) {
        for (int i = size - 1; i >= 0; i--) {
            int slot = slot(i);
            if (hashHi[slot] == hi && hashLo[slot] == lo) {
                SendResult kept = whole == null ? null : whole[slot];
                return kept != null ? kept : new SendResult(convId, seqs[slot], tss[slot]);
            }
        }
        return null;
    }

    int size() {
        return size;
    }

    private int slot(int i) {
        return (head + i) % hashHi.length;
    }

    private void drop() {
        if (whole != null) {
            whole[head] = null;
        }
        head = (head + 1) % hashHi.length;
        size--;
    }

    /** Doubles the arrays (up to the capacity), oldest answer first. */
    private void grow() {
        int old = hashHi.length;
        int length = Math.min(capacity, old * 2);
        hashHi = unrolled(hashHi, new long[length], old);
        hashLo = unrolled(hashLo, new long[length], old);
        seqs = unrolled(seqs, new long[length], old);
        tss = unrolled(tss, new long[length], old);
        if (whole != null) {
            whole = unrolled(whole, new SendResult[length], old);
        }
        head = 0;
    }

    /** {@code into} holding the ring {@code from} (of {@code length} slots) oldest first, from index 0. */
    private <A> A unrolled(A from, A into, int length) {
        int first = Math.min(size, length - head);
        System.arraycopy(from, head, into, 0, first);
        System.arraycopy(from, 0, into, first, size - first);
        return into;
    }

    /** The key's two independent 64-bit hashes: together the 128 bits an answer is found by. */
    private static long hashHi(String key) {
        return hash(key, 0x9E3779B97F4A7C15L, 0xBF58476D1CE4E5B9L);
    }

    private static long hashLo(String key) {
        return hash(key, 0xC2B2AE3D27D4EB4FL, 0x94D049BB133111EBL);
    }

    private static long hashHi(String senderId, String cmid) {
        return hash(senderId, cmid, 0x9E3779B97F4A7C15L, 0xBF58476D1CE4E5B9L);
    }

    private static long hashLo(String senderId, String cmid) {
        return hash(senderId, cmid, 0xC2B2AE3D27D4EB4FL, 0x94D049BB133111EBL);
    }

    /** A 64-bit hash of {@code s}'s characters: multiply-xor with {@code seed} and {@code m}, SplitMix's finaliser. */
    static long hash(String s, long seed, long m) {
        return finish(mix(seed ^ s.length(), s, m));
    }

    /** {@link #hash(String, long, long)} of {@code senderId \0 cmid}, without making the string. */
    static long hash(String senderId, String cmid, long seed, long m) {
        long h = mix(seed ^ (senderId.length() + 1 + cmid.length()), senderId, m);
        h *= m; // the separator, char 0: (h ^ 0) * m
        h ^= h >>> 29;
        return finish(mix(h, cmid, m));
    }

    private static long mix(long h, String s, long m) {
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * m;
            h ^= h >>> 29;
        }
        return h;
    }

    private static long finish(long h) {
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }

    @Override
    public String toString() {
        return "CmidMemory[" + size + " of " + capacity + ", arrays of " + hashHi.length
                + (whole == null ? "" : ", " + Arrays.stream(whole).filter(w -> w != null).count() + " kept whole")
                + "]";
    }
}
