package io.kefu.server.compliance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Aho–Corasick over folded text: finds every occurrence of any of its patterns in one pass over a
 * {@link Skeleton}, however many patterns there are. Each pattern carries the ids (rule indexes) it was
 * added for. Transitions live in one open-addressing table keyed by (state, char), so a step is a hash probe
 * and a scan allocates nothing. Immutable once built; safe on any thread.
 */
final class PhraseAutomaton {
    /** Hears each match: the id it was added for and where it is in the skeleton ({@code end} exclusive). */
    interface Sink {
        void match(int id, int start, int end);
    }

    static final PhraseAutomaton EMPTY = new Builder().build();

    private static final long NO_KEY = -1L;

    private final long[] keys;
    private final int[] targets;
    private final int mask;
    private final int[] fail;
    /** The pattern that ends at a state, or -1. */
    private final int[] output;
    /** The nearest state down the failure chain that has an output, or 0. */
    private final int[] dictionary;
    private final int[] patternLength;
    private final int[] idStart;
    private final int[] ids;

    private PhraseAutomaton(long[] keys, int[] targets, int[] fail, int[] output, int[] dictionary,
                            int[] patternLength, int[] idStart, int[] ids) {
        this.keys = keys;
        this.targets = targets;
        this.mask = keys.length - 1;
        this.fail = fail;
        this.output = output;
        this.dictionary = dictionary;
        this.patternLength = patternLength;
        this.idStart = idStart;
        this.ids = ids;
    }

    boolean isEmpty() {
        return patternLength.length == 0;
    }

    /** Reports every match in {@code sk} to {@code sink}, in the order their ends appear. */
    void scan(Skeleton sk, Sink sink) {
        if (isEmpty()) {
            return;
        }
        char[] chars = sk.chars;
        int state = 0;
        for (int i = 0, n = sk.length; i < n; i++) {
            char c = chars[i];
            int next = step(state, c);
            while (next < 0 && state != 0) {
                state = fail[state];
                next = step(state, c);
            }
            state = Math.max(next, 0);
            for (int s = output[state] >= 0 ? state : dictionary[state]; s > 0; s = dictionary[s]) {
                int p = output[s];
                int start = i + 1 - patternLength[p];
                for (int k = idStart[p]; k < idStart[p + 1]; k++) {
                    sink.match(ids[k], start, i + 1);
                }
            }
        }
    }

    private int step(int state, char c) {
        long key = ((long) state << 16) | c;
        int h = hash(key) & mask;
        while (true) {
            long k = keys[h];
            if (k == key) {
                return targets[h];
            }
            if (k == NO_KEY) {
                return -1;
            }
            h = (h + 1) & mask;
        }
    }

    private static int hash(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 29));
    }

    /** Collects patterns (already folded) with their ids. Not thread-safe; used once. */
    static final class Builder {
        private final Map<String, List<Integer>> patterns = new LinkedHashMap<>();

        /** Adds a folded pattern for {@code id}; empty patterns are ignored. */
        Builder add(String folded, int id) {
            if (!folded.isEmpty()) {
                List<Integer> list = patterns.computeIfAbsent(folded, p -> new ArrayList<>());
                if (!list.contains(id)) {
                    list.add(id);
                }
            }
            return this;
        }

        PhraseAutomaton build() {
            Trie trie = new Trie();
            int[] patternLength = new int[patterns.size()];
            int[] idStart = new int[patterns.size() + 1];
            List<Integer> allIds = new ArrayList<>();
            int p = 0;
            for (Map.Entry<String, List<Integer>> e : patterns.entrySet()) {
                trie.insert(e.getKey(), p);
                patternLength[p] = e.getKey().length();
                idStart[p] = allIds.size();
                allIds.addAll(e.getValue());
                p++;
            }
            idStart[p] = allIds.size();
            return trie.compile(patternLength, idStart, allIds.stream().mapToInt(Integer::intValue).toArray());
        }
    }

    /**
     * The pattern trie while it is built: states in parallel int arrays (children as first-child /
     * next-sibling lists for the breadth-first pass), transitions straight in the open-addressing table the
     * automaton keeps. Primitive arrays only, so 10,000 patterns build without boxing.
     */
    private static final class Trie {
        private long[] keys = new long[16];
        private int[] targets = new int[16];
        private int edges;
        private int states;
        private int[] output = new int[16];
        private int[] firstChild = new int[16];
        private int[] nextSibling = new int[16];
        private char[] label = new char[16];

        Trie() {
            java.util.Arrays.fill(keys, NO_KEY);
            newState((char) 0);
        }

        private int newState(char c) {
            if (states == output.length) {
                int n = states * 2;
                output = java.util.Arrays.copyOf(output, n);
                firstChild = java.util.Arrays.copyOf(firstChild, n);
                nextSibling = java.util.Arrays.copyOf(nextSibling, n);
                label = java.util.Arrays.copyOf(label, n);
            }
            output[states] = -1;
            firstChild[states] = -1;
            nextSibling[states] = -1;
            label[states] = c;
            return states++;
        }

        void insert(String pattern, int id) {
            int state = 0;
            for (int i = 0; i < pattern.length(); i++) {
                char c = pattern.charAt(i);
                int next = go(state, c);
                if (next < 0) {
                    next = newState(c);
                    put(((long) state << 16) | c, next);
                    nextSibling[next] = firstChild[state];
                    firstChild[state] = next;
                }
                state = next;
            }
            output[state] = id;
        }

        private int go(int state, char c) {
            long key = ((long) state << 16) | c;
            int mask = keys.length - 1;
            for (int h = hash(key) & mask; ; h = (h + 1) & mask) {
                if (keys[h] == key) {
                    return targets[h];
                }
                if (keys[h] == NO_KEY) {
                    return -1;
                }
            }
        }

        private void put(long key, int target) {
            if ((edges + 1) * 2 > keys.length) {
                long[] oldKeys = keys;
                int[] oldTargets = targets;
                keys = new long[oldKeys.length * 2];
                targets = new int[oldKeys.length * 2];
                java.util.Arrays.fill(keys, NO_KEY);
                for (int i = 0; i < oldKeys.length; i++) {
                    if (oldKeys[i] != NO_KEY) {
                        place(oldKeys[i], oldTargets[i]);
                    }
                }
            }
            place(key, target);
            edges++;
        }

        private void place(long key, int target) {
            int mask = keys.length - 1;
            int h = hash(key) & mask;
            while (keys[h] != NO_KEY) {
                h = (h + 1) & mask;
            }
            keys[h] = key;
            targets[h] = target;
        }

        PhraseAutomaton compile(int[] patternLength, int[] idStart, int[] ids) {
            int[] fail = new int[states];
            int[] out = java.util.Arrays.copyOf(output, states);
            int[] dictionary = new int[states];
            int[] queue = new int[states];
            int head = 0;
            int tail = 0;
            queue[tail++] = 0;
            while (head < tail) {
                int s = queue[head++];
                for (int t = firstChild[s]; t >= 0; t = nextSibling[t]) {
                    char c = label[t];
                    if (s != 0) {
                        int f = fail[s];
                        while (f != 0 && go(f, c) < 0) {
                            f = fail[f];
                        }
                        fail[t] = Math.max(go(f, c), 0);
                    }
                    dictionary[t] = out[fail[t]] >= 0 ? fail[t] : dictionary[fail[t]];
                    queue[tail++] = t;
                }
            }
            return new PhraseAutomaton(keys, targets, fail, out, dictionary, patternLength, idStart, ids);
        }
    }
}
