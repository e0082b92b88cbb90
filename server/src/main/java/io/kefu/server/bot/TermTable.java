package io.kefu.server.bot;

import java.util.Arrays;

/**
 * Term keys to dense ids: an open-addressing hash table of {@code long} keys, filled while a
 * {@link FaqMatcher} is built and only read after (a lookup allocates nothing). Not thread-safe while
 * filled; safe to read from any thread once published.
 */
final class TermTable {
    private static final int NONE = -1;

    private long[] keys;
    private int[] ids;
    private int size;

    TermTable(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new long[capacity];
        ids = new int[capacity];
        Arrays.fill(ids, NONE);
    }

    /** The key's id, {@code -1} when absent. */
    int get(long key) {
        int mask = keys.length - 1;
        for (int i = spread(key) & mask; ; i = (i + 1) & mask) {
            int id = ids[i];
            if (id == NONE || keys[i] == key) {
                return id;
            }
        }
    }

    /** The key's id, given the next free one when new. */
    int add(long key) {
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        for (int i = spread(key) & mask; ; i = (i + 1) & mask) {
            if (ids[i] == NONE) {
                keys[i] = key;
                ids[i] = size;
                return size++;
            }
            if (keys[i] == key) {
                return ids[i];
            }
        }
    }

    int size() {
        return size;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldIds = ids;
        keys = new long[oldKeys.length * 2];
        ids = new int[oldKeys.length * 2];
        Arrays.fill(ids, NONE);
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldIds[j] != NONE) {
                int i = spread(oldKeys[j]) & mask;
                while (ids[i] != NONE) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[j];
                ids[i] = oldIds[j];
            }
        }
    }

    private static int spread(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
