package io.kefu.server.store;

import java.util.Locale;

/**
 * The counters of a KPI rollup row ({@code kpi_minutes}, V6), in column order: sums over the minute for one
 * (shop, group, agent). What each counts is defined in docs/kpis.md; the report's figures are ratios of sums of
 * these, so rows add up over any range. {@code W0}..{@code W15} are the queue-wait histogram (bounds in
 * {@link #WAIT_BOUNDS_SEC}).
 */
public enum KpiColumn {
    OPENED, RECEIVED, BUYER_MSGS, NEED_MSGS, WITHIN_3M, NEED_DAY, WITHIN_3M_DAY, ROUNDS, ROUND_MS, FIRSTS, FIRST_MS,
    FIRST_DECIDED, FIRST_30S, UNANSWERED, TRANSFERS, WAITS, WAIT_MS,
    W0, W1, W2, W3, W4, W5, W6, W7, W8, W9, W10, W11, W12, W13, W14, W15,
    RATINGS, RATING_SUM, LOW_RATINGS, BOT_RESOLVED, BLOCKED, AFTERSALES, REFUNDS;

    /** Upper bounds (inclusive, seconds) of the queue-wait buckets W0..W14; W15 holds the longer waits. */
    public static final int[] WAIT_BOUNDS_SEC = {5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 300, 600, 900, 1800, 3600};

    private static final KpiColumn[] ALL = values();

    /** The SQL column name. */
    public String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The histogram column of a queue wait of {@code waitedMs}. */
    public static KpiColumn waitBucket(long waitedMs) {
        for (int i = 0; i < WAIT_BOUNDS_SEC.length; i++) {
            if (waitedMs <= WAIT_BOUNDS_SEC[i] * 1000L) {
                return ALL[W0.ordinal() + i];
            }
        }
        return W15;
    }

    public static int count() {
        return ALL.length;
    }
}
