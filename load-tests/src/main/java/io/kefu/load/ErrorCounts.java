package io.kefu.load;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Errors by kind ("error rate_limited", "connect: Connection refused", "closed 4408 ..."): counted from
 * any thread, reported sorted by kind. Kinds are short and few; messages that vary per connection are
 * cut to their first line and 80 characters so the map stays small.
 */
final class ErrorCounts {
    private static final int MAX_KINDS = 200;
    private final ConcurrentHashMap<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final LongAdder total = new LongAdder();

    void count(String kind) {
        total.increment();
        String key = shorten(kind);
        LongAdder adder = counts.get(key);
        if (adder == null) {
            adder = counts.size() >= MAX_KINDS ? counts.computeIfAbsent("(other)", k -> new LongAdder())
                    : counts.computeIfAbsent(key, k -> new LongAdder());
        }
        adder.increment();
    }

    long total() {
        return total.sum();
    }

    Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    private static String shorten(String kind) {
        String s = kind == null ? "unknown" : kind;
        int nl = s.indexOf('\n');
        if (nl >= 0) {
            s = s.substring(0, nl);
        }
        return s.length() > 80 ? s.substring(0, 80) : s;
    }
}
