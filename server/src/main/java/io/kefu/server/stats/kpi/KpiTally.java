package io.kefu.server.stats.kpi;

import io.kefu.server.routing.spi.KpiEvent;
import io.kefu.server.store.KpiColumn;
import io.kefu.server.store.KpiRow;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Turns routing's events into per-minute rollups, with the clocks of docs/kpis.md: each conversation's buyer
 * messages waiting for a person, its first response, its queue wait. Figures are credited to the minute their clock
 * started in (a buyer message's minute) and to the agent who answered, or who held the conversation when the
 * clock was decided otherwise. Not thread-safe: one thread (the KPI writer) feeds it events in the order each
 * conversation's lane made them, and {@link #sweep}s it as time passes.
 */
final class KpiTally {
    /** The reply mark (3 minutes) and the answer mark (30 seconds). */
    static final long REPLY_MS = 180_000;
    static final long ANSWER_MS = 30_000;
    /** Buyer messages kept waiting per conversation; more, in one run without an answer, are not clocked. */
    static final int MAX_PENDING = 500;
    /** Daytime of the platform's reply rate: 08:00 to 23:00 in the shop's time zone. */
    static final int DAY_FROM_HOUR = 8;
    static final int DAY_TO_HOUR = 23;
    /** Every zone's offset is whole quarters of an hour, so its hour of day changes only at a UTC quarter hour. */
    private static final long QUARTER_MS = 15 * 60_000L;

    /** What operators see as metrics: reply-rate breaches and buyers waiting for a person. */
    interface Meters {
        Meters NONE = new Meters() {
        };

        /** A buyer message needing a person passed the 3-minute mark unanswered. */
        default void breached() {
        }

        /** A conversation's buyer started ({@code +1}) or stopped ({@code -1}) waiting for a person. */
        default void waiting(int delta) {
        }
    }

    private record Key(String shopId, long minute, String groupId, String agentId) {
    }

    /** A clock's next look at its waiting requests: at most one pending per clock (see {@link Clock#marked}). */
    private record Mark(long due, Clock clock) {
    }

    /** One open conversation's clocks. */
    private static final class Clock {
        final String shopId;
        String groupId;
        String agentId;
        ZoneId zone;
        long[] pending = new long[4];
        int pendingCount;
        /** Pending messages [0, decided) were decided as misses already (3 minutes passed). */
        int decided;
        /**
         * Whether a mark of this clock is pending (at most one is). Marks are never cancelled: an answered run leaves
         * its mark to pass by, and a later run waits for it (its own due is later) rather than add another.
         */
        boolean marked;
        /** When the first buyer request needing a person came, or 0; -1 once the first response was decided. */
        long firstAt;
        /** The quarter hour (UTC) last asked of {@link #daytime(long)}, and its answer: most skip the calendar. */
        long daytimeQuarter = Long.MIN_VALUE;
        boolean daytimeAnswer;

        boolean daytime(long ts) {
            long quarter = Math.floorDiv(ts, QUARTER_MS);
            if (quarter != daytimeQuarter) {
                daytimeAnswer = KpiTally.daytime(ts, zone);
                daytimeQuarter = quarter;
            }
            return daytimeAnswer;
        }

        Clock(KpiEvent.Conv conv) {
            this.shopId = conv.shopId();
            this.zone = conv.zone();
        }
    }

    private final Meters meters;
    private final Map<String, Clock> clocks = new HashMap<>();
    private final PriorityQueue<Mark> marks = new PriorityQueue<>((a, b) -> Long.compare(a.due, b.due));
    private Map<Key, long[]> dirty = new HashMap<>();

    KpiTally(Meters meters) {
        this.meters = meters;
    }

    void accept(KpiEvent e) {
        KpiEvent.Conv conv = e.conv();
        if (e instanceof KpiEvent.Opened) {
            Clock c = new Clock(conv);
            clocks.put(conv.convId(), c);
            at(c, conv);
            add(c.shopId, e.ts(), c.groupId, null, KpiColumn.OPENED, 1);
            return;
        }
        if (e instanceof KpiEvent.AfterSale a) {
            add(conv.shopId(), a.ts(), null, null, a.refunded() ? KpiColumn.REFUNDS : KpiColumn.AFTERSALES, 1);
            return;
        }
        if (e instanceof KpiEvent.Restored r) {
            restored(r);
            return;
        }
        if (e instanceof KpiEvent.ShopLeft) {
            clocks.values().removeIf(c -> {
                if (!c.shopId.equals(conv.shopId())) {
                    return false;
                }
                if (c.pendingCount > 0) {
                    endRun(c); // its marks are void now; the new owner's tally decides the requests
                }
                return true;
            });
            return;
        }
        if (e instanceof KpiEvent.Rated r) {
            add(conv.shopId(), r.ts(), conv.groupId(), conv.agentId(), KpiColumn.RATINGS, 1);
            add(conv.shopId(), r.ts(), conv.groupId(), conv.agentId(), KpiColumn.RATING_SUM, r.score());
            add(conv.shopId(), r.ts(), conv.groupId(), conv.agentId(), KpiColumn.LOW_RATINGS, r.score() <= 3 ? 1 : 0);
            return;
        }
        Clock c = clocks.get(conv.convId());
        if (c == null) {
            // opened before this node's tally began (a restart): its first response is not known
            c = new Clock(conv);
            c.firstAt = -1;
            clocks.put(conv.convId(), c);
        }
        if (e instanceof KpiEvent.Queued) {
            at(c, conv);
        } else if (e instanceof KpiEvent.Assigned a) {
            assigned(c, a);
        } else if (e instanceof KpiEvent.Transferred t) {
            add(c.shopId, t.ts(), conv.groupId(), conv.agentId(), KpiColumn.TRANSFERS, 1);
        } else if (e instanceof KpiEvent.HandedOff h) {
            at(c, conv);
            waitFor(c, h.ts());
        } else if (e instanceof KpiEvent.MessageStored m) {
            stored(c, m);
        } else if (e instanceof KpiEvent.Blocked b) {
            add(c.shopId, b.ts(), conv.groupId(), b.senderId(), KpiColumn.BLOCKED, 1);
        } else if (e instanceof KpiEvent.Closed x) {
            closed(c, x);
        }
    }

    /**
     * A conversation loaded from the store, whose clocks this tally does not have (a restart): they start again from
     * the buyer's requests still waiting. Those whose 3 minutes had passed when it loaded are taken as decided (the
     * server that stopped counted them as misses, or was down when their mark passed); they still begin the round.
     * Its first response is still to come when no person ever wrote.
     */
    private void restored(KpiEvent.Restored r) {
        if (clocks.containsKey(r.conv().convId())) {
            return;
        }
        Clock c = new Clock(r.conv());
        at(c, r.conv());
        clocks.put(r.conv().convId(), c);
        List<Long> waiting = r.waiting();
        c.firstAt = r.personWrote() ? -1 : waiting.isEmpty() ? 0 : waiting.get(0);
        int n = Math.min(waiting.size(), MAX_PENDING);
        if (n == 0) {
            return;
        }
        c.pending = new long[Math.max(4, n)];
        for (int i = 0; i < n; i++) {
            c.pending[i] = waiting.get(i);
            if (c.pending[i] + REPLY_MS < r.ts()) {
                c.decided = i + 1;
            }
        }
        c.pendingCount = n;
        meters.waiting(1);
        if (c.decided < n) {
            mark(c);
        }
    }

    /** Where the conversation is now: its group and the agent holding it (none while queued). */
    private static void at(Clock c, KpiEvent.Conv conv) {
        c.groupId = conv.groupId();
        c.agentId = conv.agentId();
        if (conv.zone() != null) {
            c.zone = conv.zone();
        }
    }

    private void assigned(Clock c, KpiEvent.Assigned a) {
        at(c, a.conv());
        add(c.shopId, a.ts(), c.groupId, c.agentId, KpiColumn.RECEIVED, 1);
        if (a.waitedMs() >= 0) {
            add(c.shopId, a.ts(), c.groupId, c.agentId, KpiColumn.WAITS, 1);
            add(c.shopId, a.ts(), c.groupId, c.agentId, KpiColumn.WAIT_MS, a.waitedMs());
            add(c.shopId, a.ts(), c.groupId, c.agentId, KpiColumn.waitBucket(a.waitedMs()), 1);
        }
    }

    private void stored(Clock c, KpiEvent.MessageStored m) {
        at(c, m.conv());
        if ("buyer".equals(m.sender())) {
            add(c.shopId, m.ts(), c.groupId, c.agentId, KpiColumn.BUYER_MSGS, 1);
            if (!m.withBot()) {
                waitFor(c, m.ts());
            }
        } else if ("agent".equals(m.sender())) {
            answered(c, m.senderId(), m.ts());
        }
    }

    /** A buyer request that needs a person: a buyer message, or the bot's hand-off. */
    private void waitFor(Clock c, long ts) {
        if (c.firstAt == 0) {
            c.firstAt = ts;
        }
        if (c.pendingCount == MAX_PENDING) {
            return;
        }
        if (c.pendingCount == c.pending.length) {
            c.pending = java.util.Arrays.copyOf(c.pending, Math.min(MAX_PENDING, c.pending.length * 2));
        }
        c.pending[c.pendingCount++] = ts;
        if (c.pendingCount == 1) {
            meters.waiting(1);
        }
        if (!c.marked) { // else the pending mark is due sooner than this request and looks again then
            mark(c);
        }
    }

    private void answered(Clock c, String agentId, long ts) {
        if (c.firstAt > 0) {
            long took = ts - c.firstAt;
            add(c.shopId, c.firstAt, c.groupId, agentId, KpiColumn.FIRSTS, 1);
            add(c.shopId, c.firstAt, c.groupId, agentId, KpiColumn.FIRST_MS, took);
            add(c.shopId, c.firstAt, c.groupId, agentId, KpiColumn.FIRST_DECIDED, 1);
            add(c.shopId, c.firstAt, c.groupId, agentId, KpiColumn.FIRST_30S, took <= ANSWER_MS ? 1 : 0);
            c.firstAt = -1;
        }
        if (c.pendingCount == 0) {
            return;
        }
        add(c.shopId, c.pending[0], c.groupId, agentId, KpiColumn.ROUNDS, 1);
        add(c.shopId, c.pending[0], c.groupId, agentId, KpiColumn.ROUND_MS, ts - c.pending[0]);
        for (int i = c.decided; i < c.pendingCount; i++) {
            decide(c, c.pending[i], agentId, ts - c.pending[i] <= REPLY_MS);
        }
        endRun(c);
    }

    private void closed(Clock c, KpiEvent.Closed x) {
        at(c, x.conv());
        if (x.withBot()) {
            add(c.shopId, x.ts(), c.groupId, null, KpiColumn.BOT_RESOLVED, 1);
        }
        if (c.firstAt > 0) {
            add(c.shopId, c.firstAt, c.groupId, c.agentId, KpiColumn.FIRST_DECIDED, 1);
            c.firstAt = -1;
        }
        if (c.pendingCount > 0) {
            add(c.shopId, x.ts(), c.groupId, c.agentId, KpiColumn.UNANSWERED, 1);
            for (int i = c.decided; i < c.pendingCount; i++) {
                decide(c, c.pending[i], c.agentId, false);
            }
            endRun(c);
        }
        clocks.remove(x.conv().convId());
    }

    private void decide(Clock c, long sentAt, String agentId, boolean inTime) {
        // The row and the shop's total row of the minute, once for the four columns.
        long[] row = row(c.shopId, sentAt, c.groupId, agentId);
        long[] total = row(c.shopId, sentAt, KpiRow.ALL, KpiRow.ALL);
        int within = inTime ? 1 : 0;
        add(row, total, KpiColumn.NEED_MSGS, 1);
        add(row, total, KpiColumn.WITHIN_3M, within);
        if (c.daytime(sentAt)) {
            add(row, total, KpiColumn.NEED_DAY, 1);
            add(row, total, KpiColumn.WITHIN_3M_DAY, within);
        }
        if (!inTime) {
            meters.breached();
        }
    }

    private void endRun(Clock c) {
        c.pendingCount = 0;
        c.decided = 0;
        meters.waiting(-1);
    }

    /** Decides as misses the waiting buyer messages whose 3 minutes (180 s, an answer at 180 s is in time) passed by {@code now}. */
    void sweep(long now) {
        while (!marks.isEmpty() && marks.peek().due <= now) {
            Mark m = marks.poll();
            Clock c = m.clock;
            c.marked = false; // its only mark
            if (c.pendingCount == 0) {
                continue; // answered or closed meanwhile
            }
            while (c.decided < c.pendingCount && c.pending[c.decided] + REPLY_MS < now) {
                decide(c, c.pending[c.decided], c.agentId, false);
                c.decided++;
            }
            if (c.decided < c.pendingCount) {
                mark(c);
            }
        }
    }

    /** The marks not yet passed (tests). */
    int marksPending() {
        return marks.size();
    }

    /** Marks the clock for its oldest undecided request's 3 minutes. */
    private void mark(Clock c) {
        c.marked = true;
        marks.add(new Mark(c.pending[c.decided] + REPLY_MS + 1, c));
    }

    static boolean daytime(long ts, ZoneId zone) {
        int hour = Instant.ofEpochMilli(ts).atZone(zone == null ? ZoneId.of("UTC") : zone).getHour();
        return hour >= DAY_FROM_HOUR && hour < DAY_TO_HOUR;
    }

    private void add(String shopId, long ts, String groupId, String agentId, KpiColumn column, long amount) {
        if (amount != 0) {
            add(row(shopId, ts, groupId, agentId), row(shopId, ts, KpiRow.ALL, KpiRow.ALL), column, amount);
        }
    }

    private static void add(long[] row, long[] total, KpiColumn column, long amount) {
        row[column.ordinal()] += amount;
        total[column.ordinal()] += amount;
    }

    /** The dirty roll-up of {@code ts}'s minute for the shop, group and agent, made when first needed. */
    private long[] row(String shopId, long ts, String groupId, String agentId) {
        Key key = new Key(shopId, Math.floorDiv(ts, 60_000L), groupId == null ? "" : groupId,
                agentId == null ? "" : agentId);
        long[] values = dirty.get(key);
        if (values == null) {
            values = new long[KpiColumn.count()];
            dirty.put(key, values);
        }
        return values;
    }

    /** The rollups changed since the last call, as rows to add; starts afresh. */
    List<KpiRow> drain() {
        List<KpiRow> rows = new ArrayList<>(dirty.size());
        dirty.forEach((k, v) -> rows.add(new KpiRow(k.shopId(), k.minute(), k.groupId(), k.agentId(), v)));
        dirty = new HashMap<>();
        return rows;
    }

    /** Rollup rows waiting in memory. */
    int dirtyRows() {
        return dirty.size();
    }

    /** Open conversations whose clocks are kept. */
    int conversations() {
        return clocks.size();
    }
}
