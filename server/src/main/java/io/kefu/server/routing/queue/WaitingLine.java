package io.kefu.server.routing.queue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The waiting conversations of one skill group, in order: by rank (0 first: urgent, vip, normal...), and
 * first come first served inside a rank, except that a conversation may be put at the front of its rank.
 * Adding, removing, taking the head and finding a conversation's position all cost O(log n), so a queue
 * of ten thousand buyers costs about what one of a hundred does: each rank keeps its slots in a Fenwick
 * tree of occupied counts. Not thread-safe: owned by one router lane.
 */
public final class WaitingLine {
    private final Rank[] ranks;
    private final Map<String, Place> places = new HashMap<>();

    private record Place(int rank, int index) {
    }

    /** A line with {@code rankCount} priority classes, rank 0 served first. */
    public WaitingLine(int rankCount) {
        if (rankCount < 1) {
            throw new IllegalArgumentException("rankCount must be at least 1, was " + rankCount);
        }
        ranks = new Rank[rankCount];
        for (int i = 0; i < rankCount; i++) {
            ranks[i] = new Rank();
        }
    }

    /** Joins at the back of its rank. A conversation already waiting is moved. */
    public void addLast(String id, int rank) {
        remove(id);
        places.put(id, new Place(rank, ranks[rank].addLast(id, this)));
    }

    /** Joins at the front of its rank (a conversation coming back, a transfer). */
    public void addFirst(String id, int rank) {
        remove(id);
        places.put(id, new Place(rank, ranks[rank].addFirst(id, this)));
    }

    public boolean remove(String id) {
        Place p = places.remove(id);
        if (p == null) {
            return false;
        }
        ranks[p.rank].remove(p.index, this);
        return true;
    }

    public boolean contains(String id) {
        return places.containsKey(id);
    }

    /** The rank the conversation waits in, or -1. */
    public int rankOf(String id) {
        Place p = places.get(id);
        return p == null ? -1 : p.rank;
    }

    /** The conversation served next, or {@code null}. */
    public String peek() {
        for (Rank r : ranks) {
            if (r.size > 0) {
                return r.ids[r.first()];
            }
        }
        return null;
    }

    public String poll() {
        String head = peek();
        if (head != null) {
            remove(head);
        }
        return head;
    }

    /** 1-based place in the whole line, or 0 when not waiting here. */
    public int position(String id) {
        Place p = places.get(id);
        if (p == null) {
            return 0;
        }
        int before = 0;
        for (int i = 0; i < p.rank; i++) {
            before += ranks[i].size;
        }
        return before + ranks[p.rank].countUpTo(p.index);
    }

    public int size() {
        return places.size();
    }

    public boolean isEmpty() {
        return places.isEmpty();
    }

    /** Every waiting conversation in the order it will be served. O(n). */
    public List<String> inOrder() {
        List<String> out = new ArrayList<>(places.size());
        for (Rank r : ranks) {
            for (int i = r.lo; i < r.hi; i++) {
                if (r.ids[i] != null) {
                    out.add(r.ids[i]);
                }
            }
        }
        return out;
    }

    /** The line of a rank knows its slots' new indexes after a rebuild. */
    void moved(String id, int rank, int index) {
        places.put(id, new Place(rank, index));
    }

    private int rankIndex(Rank r) {
        for (int i = 0; i < ranks.length; i++) {
            if (ranks[i] == r) {
                return i;
            }
        }
        throw new IllegalStateException("not a rank of this line");
    }

    /**
     * One rank: slots {@code lo..hi-1} of {@code ids} are used, the front grows down from the middle and
     * the back up; {@code tree} is a Fenwick tree of which slots hold a conversation.
     */
    private static final class Rank {
        private static final int MIN_CAPACITY = 16;
        String[] ids = new String[MIN_CAPACITY];
        int[] tree = new int[MIN_CAPACITY + 1];
        int lo = MIN_CAPACITY / 2;
        int hi = MIN_CAPACITY / 2;
        int size;

        int addLast(String id, WaitingLine line) {
            if (hi == ids.length) {
                rebuild(line);
            }
            int index = hi++;
            put(index, id);
            return index;
        }

        int addFirst(String id, WaitingLine line) {
            if (lo == 0) {
                rebuild(line);
            }
            int index = --lo;
            put(index, id);
            return index;
        }

        void remove(int index, WaitingLine line) {
            ids[index] = null;
            add(index, -1);
            size--;
            if (size == 0) {
                reset();
            } else if (ids.length > 8 * size + 64) {
                rebuild(line);
            }
        }

        /** Index of the first occupied slot (size > 0): the smallest index whose prefix count is 1. */
        int first() {
            int pos = 0;
            int remaining = 1;
            for (int step = Integer.highestOneBit(ids.length); step > 0; step >>= 1) {
                int next = pos + step;
                if (next <= ids.length && tree[next] < remaining) {
                    pos = next;
                    remaining -= tree[next];
                }
            }
            return pos; // tree is 1-based: slot index = pos
        }

        /** Occupied slots at or before {@code index}. */
        int countUpTo(int index) {
            int sum = 0;
            for (int i = index + 1; i > 0; i -= i & -i) {
                sum += tree[i];
            }
            return sum;
        }

        private void put(int index, String id) {
            ids[index] = id;
            add(index, 1);
            size++;
        }

        private void add(int index, int delta) {
            for (int i = index + 1; i <= ids.length; i += i & -i) {
                tree[i] += delta;
            }
        }

        private void reset() {
            if (ids.length > MIN_CAPACITY * 4) {
                ids = new String[MIN_CAPACITY];
                tree = new int[MIN_CAPACITY + 1];
            }
            lo = ids.length / 2;
            hi = lo;
        }

        /** Packs the live slots into the middle of arrays four times their number: amortised O(1) per add. */
        private void rebuild(WaitingLine line) {
            int capacity = Math.max(MIN_CAPACITY, Integer.highestOneBit(Math.max(1, size) * 4 - 1) << 1);
            String[] old = ids;
            int oldLo = lo;
            int oldHi = hi;
            ids = new String[capacity];
            tree = new int[capacity + 1];
            lo = (capacity - size) / 2;
            hi = lo;
            size = 0;
            int rank = line.rankIndex(this);
            for (int i = oldLo; i < oldHi; i++) {
                if (old[i] != null) {
                    int index = hi++;
                    put(index, old[i]);
                    line.moved(old[i], rank, index);
                }
            }
        }
    }
}
