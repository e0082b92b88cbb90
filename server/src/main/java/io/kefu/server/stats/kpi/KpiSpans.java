package io.kefu.server.stats.kpi;

import io.kefu.server.store.KpiStore.Grain;
import java.util.ArrayList;
import java.util.List;

/**
 * Which rollup table answers which part of a report's range: the range is cut where the report's rows begin (each
 * local hour or day for {@code by=hour|day}, nowhere else), and each piece is covered by the coarsest cells that fit
 * in it whole: UTC days, then UTC hours, and minutes only at the ragged ends. Adjacent cells of one grain are merged
 * into one span, so a report makes a few queries (a month by agent: hours, days, hours). Exact: every minute of the
 * range is in exactly one span, and every cell of a span lies inside one of the report's rows. Stateless.
 */
final class KpiSpans {
    /** The minutes {@code from <= minute < to}, read from {@code grain}'s table (both ends whole cells of it). */
    record Span(Grain grain, long from, long to) {
    }

    private KpiSpans() {
    }

    /**
     * The spans covering {@code fromMinute <= minute < toMinute}, in time order. {@code cuts}: the minutes where a
     * report row begins, ascending; those outside the range are ignored.
     */
    static List<Span> cover(long fromMinute, long toMinute, long[] cuts) {
        List<Span> spans = new ArrayList<>();
        long start = fromMinute;
        for (long cut : cuts) {
            if (cut > start && cut < toMinute) {
                piece(start, cut, spans);
                start = cut;
            }
        }
        if (start < toMinute) {
            piece(start, toMinute, spans);
        }
        return spans;
    }

    /** Covers one piece (no cut inside it) with the coarsest whole cells, merged into the spans before them. */
    private static void piece(long from, long to, List<Span> spans) {
        long at = from;
        while (at < to) {
            Grain g = Grain.MINUTE;
            long end;
            if (fits(at, to, Grain.DAY)) {
                g = Grain.DAY;
                end = at + Grain.DAY.minutes() * ((to - at) / Grain.DAY.minutes());
            } else if (fits(at, to, Grain.HOUR)) {
                g = Grain.HOUR;
                long nextDay = ceil(at + 1, Grain.DAY);
                long hoursEnd = at + Grain.HOUR.minutes() * ((to - at) / Grain.HOUR.minutes());
                end = Math.min(hoursEnd, nextDay);
            } else {
                end = Math.min(to, ceil(at + 1, Grain.HOUR));
            }
            add(spans, g, at, end);
            at = end;
        }
    }

    private static boolean fits(long at, long to, Grain g) {
        return Math.floorMod(at, g.minutes()) == 0 && at + g.minutes() <= to;
    }

    /** The first multiple of the grain's cell at or after {@code minute}. */
    private static long ceil(long minute, Grain g) {
        return Math.floorDiv(minute + g.minutes() - 1, g.minutes()) * g.minutes();
    }

    private static void add(List<Span> spans, Grain g, long from, long to) {
        if (!spans.isEmpty()) {
            Span last = spans.get(spans.size() - 1);
            if (last.grain() == g && last.to() == from) {
                spans.set(spans.size() - 1, new Span(g, last.from(), to));
                return;
            }
        }
        spans.add(new Span(g, from, to));
    }
}
