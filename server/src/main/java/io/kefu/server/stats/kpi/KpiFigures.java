package io.kefu.server.stats.kpi;

import io.kefu.server.store.KpiColumn;
import io.kefu.server.store.KpiRow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of contract §11 from a sum of rollups, as docs/kpis.md defines them. Averages are in seconds (one
 * decimal), rates are shares 0..1 (four decimals); a figure whose denominator is 0 is {@code null}. Stateless.
 */
final class KpiFigures {
    /** The figure names, in the order of a report's columns. */
    static final List<String> NAMES = List.of("conversations", "buyerMessages", "firstResponseSecAvg",
            "responseSecAvg", "replyRate3m", "replyRate3mDaytime", "answerRate30s", "unanswered", "transfers",
            "transferRate", "queueWaitSecP50", "queueWaitSecP90", "ratings", "ratingAvg", "lowRatings", "aftersales",
            "refundRate", "botResolved", "blocked");

    private KpiFigures() {
    }

    /**
     * The figures of {@code sum}. {@code agentView}: the rows are an agent's, whose {@code conversations} are the
     * conversations they received (assignments) rather than the ones buyers opened.
     */
    static Map<String, Number> of(long[] sum, boolean agentView) {
        KpiRow r = new KpiRow("", 0, "", "", sum);
        long conversations = agentView ? r.get(KpiColumn.RECEIVED) : r.get(KpiColumn.OPENED);
        Map<String, Number> f = new LinkedHashMap<>();
        f.put("conversations", conversations);
        f.put("buyerMessages", r.get(KpiColumn.BUYER_MSGS));
        f.put("firstResponseSecAvg", seconds(r.get(KpiColumn.FIRST_MS), r.get(KpiColumn.FIRSTS)));
        f.put("responseSecAvg", seconds(r.get(KpiColumn.ROUND_MS), r.get(KpiColumn.ROUNDS)));
        f.put("replyRate3m", share(r.get(KpiColumn.WITHIN_3M), r.get(KpiColumn.NEED_MSGS)));
        f.put("replyRate3mDaytime", share(r.get(KpiColumn.WITHIN_3M_DAY), r.get(KpiColumn.NEED_DAY)));
        f.put("answerRate30s", share(r.get(KpiColumn.FIRST_30S), r.get(KpiColumn.FIRST_DECIDED)));
        f.put("unanswered", r.get(KpiColumn.UNANSWERED));
        f.put("transfers", r.get(KpiColumn.TRANSFERS));
        f.put("transferRate", share(r.get(KpiColumn.TRANSFERS), conversations));
        f.put("queueWaitSecP50", waitPercentile(sum, 0.5));
        f.put("queueWaitSecP90", waitPercentile(sum, 0.9));
        f.put("ratings", r.get(KpiColumn.RATINGS));
        f.put("ratingAvg", r.get(KpiColumn.RATINGS) == 0 ? null
                : round((double) r.get(KpiColumn.RATING_SUM) / r.get(KpiColumn.RATINGS), 100));
        f.put("lowRatings", r.get(KpiColumn.LOW_RATINGS));
        f.put("aftersales", r.get(KpiColumn.AFTERSALES));
        f.put("refundRate", share(r.get(KpiColumn.REFUNDS), conversations));
        f.put("botResolved", r.get(KpiColumn.BOT_RESOLVED));
        f.put("blocked", r.get(KpiColumn.BLOCKED));
        return f;
    }

    private static Double seconds(long ms, long count) {
        return count == 0 ? null : round(ms / 1000.0 / count, 10);
    }

    private static Double share(long part, long whole) {
        return whole == 0 ? null : round((double) part / whole, 10_000);
    }

    private static double round(double v, int scale) {
        return Math.round(v * scale) / (double) scale;
    }

    /**
     * The {@code q} quantile of the queue-wait histogram, in seconds: the rank's bucket, linearly between its bounds
     * (so exact to within the bucket's width); waits past the last bound answer that bound. Null without waits.
     */
    static Double waitPercentile(long[] sum, double q) {
        int first = KpiColumn.W0.ordinal();
        int buckets = KpiColumn.WAIT_BOUNDS_SEC.length + 1;
        long total = 0;
        for (int i = 0; i < buckets; i++) {
            total += sum[first + i];
        }
        if (total == 0) {
            return null;
        }
        double rank = Math.max(1, Math.ceil(q * total));
        long seen = 0;
        for (int i = 0; i < buckets; i++) {
            long n = sum[first + i];
            if (n > 0 && seen + n >= rank) {
                if (i == buckets - 1) {
                    return (double) KpiColumn.WAIT_BOUNDS_SEC[i - 1];
                }
                double lower = i == 0 ? 0 : KpiColumn.WAIT_BOUNDS_SEC[i - 1];
                double upper = KpiColumn.WAIT_BOUNDS_SEC[i];
                return round(lower + (upper - lower) * (rank - seen) / n, 10);
            }
            seen += n;
        }
        return null;
    }
}
