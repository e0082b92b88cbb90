package io.kefu.server.compliance;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
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

    /** The pattern trie while it is built, with the failure links computed breadth first. */
    private static final class Trie {
        private final Map<Long, Integer> edges = new HashMap<>();
        private final List<List<Integer>> children = new ArrayList<>();
        private final List<Integer> outputs = new ArrayList<>();

        Trie() {
            newState();
        }

        private int newState() {
            children.add(new ArrayList<>(2));
            outputs.add(-1);
            return outputs.size() - 1;
        }

        void insert(String pattern, int id) {
            int state = 0;
            for (int i = 0; i < pattern.length(); i++) {
                long key = ((long) state << 16) | pattern.charAt(i);
                Integer next = edges.get(key);
                if (next == null) {
                    next = newState();
                    edges.put(key, next);
                    children.get(state).add(pattern.charAt(i) | 0);
                }
                state = next;
            }
            outputs.set(state, id);
        }

        private int go(int state, int c) {
            Integer next = edges.get(((long) state << 16) | c);
            return next == null ? -1 : next;
        }

        PhraseAutomaton compile(int[] patternLength, int[] idStart, int[] ids) {
            int states = outputs.size();
            int[] fail = new int[states];
            int[] output = outputs.stream().mapToInt(Integer::intValue).toArray();
            int[] dictionary = new int[states];
            ArrayDeque<Integer> queue = new ArrayDeque<>();
            queue.add(0);
            while (!queue.isEmpty()) {
                int s = queue.poll();
                for (int c : children.get(s)) {
                    int t = go(s, c);
                    if (s != 0) {
                        int f = fail[s];
                        while (f != 0 && go(f, c) < 0) {
                            f = fail[f];
                        }
                        fail[t] = Math.max(go(f, c), 0);
                    }
                    dictionary[t] = output[fail[t]] >= 0 ? fail[t] : dictionary[fail[t]];
                    queue.add(t);
                }
            }
            int capacity = Integer.highestOneBit(Math.max(4, edges.size() * 2) - 1) << 1;
            long[] keys = new long[capacity];
            java.util.Arrays.fill(keys, NO_KEY);
            int[] targets = new int[capacity];
            for (Map.Entry<Long, Integer> e : edges.entrySet()) {
                int h = hash(e.getKey()) & (capacity - 1);
                while (keys[h] != NO_KEY) {
                    h = (h + 1) & (capacity - 1);
                }
                keys[h] = e.getKey();
                targets[h] = e.getValue();
            }
            return new PhraseAutomaton(keys, targets, fail, output, dictionary, patternLength, idStart, ids);
        }
    }
}
