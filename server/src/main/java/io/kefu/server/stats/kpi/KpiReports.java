package io.kefu.server.stats.kpi;

import io.kefu.protocol.ErrorCode;
import io.kefu.server.base.KefuException;
import io.kefu.server.store.KpiColumn;
import io.kefu.server.store.KpiRow;
import io.kefu.server.store.KpiStore;
import io.kefu.server.store.ShopStore;
import io.kefu.server.store.StoreExecutor;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * KPI reports (contract §11, {@code GET .../stats}) from the rollups only: sums in SQL over the range, each part of it
 * read from the coarsest rollup table that fits ({@link KpiSpans}), never a scan of messages. Waits for the recorder to store what happened before the call, then runs the query on
 * the store executor; days and hours are the shop's time zone's. Thread-safe; the answer completes on a store thread.
 */
public final class KpiReports {
    /** Longest range one report covers. */
    public static final long MAX_RANGE_DAYS = 400;

    /** How the rows of a report are cut. */
    public enum By {
        SHOP, GROUP, AGENT, DAY, HOUR;

        public static By of(String raw) {
            if (raw == null || raw.isEmpty()) {
                return SHOP;
            }
            for (By b : values()) {
                if (b.name().equalsIgnoreCase(raw)) {
                    return b;
                }
            }
            throw KefuException.badRequest("query parameter 'by' must be shop, group, agent, day or hour, was '"
                    + raw + "'");
        }
    }

    /** One row: its key (shop id, group id, agent id, date or hour) and its figures in {@link #figureNames} order. */
    public record Row(String key, Map<String, Number> figures) {
    }

    /** A report: the range it covers (epoch ms, {@code to} exclusive), the shop's zone, its rows. */
    public record Report(long from, long to, ZoneId zone, By by, List<Row> rows) {
    }

    private final KpiStore store;
    private final ShopStore shops;
    private final StoreExecutor executor;
    private final KpiRecorder recorder;
    private final java.time.Clock clock;

    public KpiReports(KpiStore store, ShopStore shops, StoreExecutor executor, KpiRecorder recorder,
                      java.time.Clock clock) {
        this.store = store;
        this.shops = shops;
        this.executor = executor;
        this.recorder = recorder;
        this.clock = clock;
    }

    /** For the API's tests without statistics: every report fails {@code internal}. */
    public static KpiReports unavailable() {
        return new KpiReports(null, null, null, null, java.time.Clock.systemUTC());
    }

    public static List<String> figureNames() {
        return KpiFigures.NAMES;
    }

    /**
     * The report of {@code shopId} between {@code from} and {@code to} (query values: epoch ms, an ISO instant such as
     * {@code 2026-12-01T08:00:00Z} or {@code 2026-12-01T08:00+08:00}, or a date {@code 2026-12-01}, the start of that
     * day in the shop's zone; {@code to} exclusive; defaults: the last 24 hours). {@code agentOnly}: only that agent's
     * rows (what an agent may see).
     */
    public CompletableFuture<Report> report(String shopId, String from, String to, By by, String agentOnly) {
        if (store == null) {
            return CompletableFuture.failedFuture(new KefuException(ErrorCode.INTERNAL, "KPIs are not running"));
        }
        return recorder.flushed().thenCompose(v -> executor.submit(() -> {
            ZoneId zone = shops.routingSettings(shopId).timeZone();
            long now = clock.millis();
            long toMs = to == null || to.isEmpty() ? now : time(to, "to", zone);
            long fromMs = from == null || from.isEmpty() ? toMs - 86_400_000L : time(from, "from", zone);
            if (fromMs >= toMs) {
                throw KefuException.badRequest("query parameter 'from' must be before 'to'");
            }
            if (toMs - fromMs > MAX_RANGE_DAYS * 86_400_000L) {
                throw KefuException.badRequest("the range from 'from' to 'to' must be at most " + MAX_RANGE_DAYS
                        + " days");
            }
            return new Report(fromMs, toMs, zone, by, rows(shopId, fromMs, toMs, by, agentOnly, zone));
        }));
    }

    private List<Row> rows(String shopId, long fromMs, long toMs, By by, String agentOnly, ZoneId zone) {
        boolean agentView = by == By.AGENT || agentOnly != null;
        List<Row> rows = new ArrayList<>();
        sums(store, shopId, fromMs, toMs, by, agentOnly, zone)
                .forEach((k, v) -> rows.add(new Row(k, KpiFigures.of(v, agentView))));
        return rows;
    }

    /**
     * The counters ({@link KpiColumn} order) of each row of the report, by row key in key order: what {@link #report}
     * makes its figures from. Runs on a store thread (it blocks on the database).
     */
    static Map<String, long[]> sums(KpiStore store, String shopId, long fromMs, long toMs, By by, String agentOnly,
                                    ZoneId zone) {
        long fromMinute = Math.floorDiv(fromMs, 60_000L);
        long toMinute = Math.floorDiv(toMs + 59_999L, 60_000L);
        long[] cuts = by == By.DAY || by == By.HOUR ? cuts(fromMinute, toMinute, by, zone) : new long[0];
        List<KpiSpans.Span> spans = KpiSpans.cover(fromMinute, toMinute, cuts);
        Map<String, long[]> folded = new TreeMap<>();
        if (by == By.SHOP) {
            folded.put(agentOnly != null ? agentOnly : shopId, new long[KpiColumn.count()]);
        }
        for (KpiSpans.Span span : spans) {
            for (KpiRow r : store.sums(shopId, span.grain(), span.from(), span.to(), groupBy(by, span, cuts),
                    agentOnly)) {
                String key = switch (by) {
                    case SHOP -> agentOnly != null ? agentOnly : shopId;
                    case GROUP -> r.groupId();
                    case AGENT -> r.agentId();
                    case DAY, HOUR -> label(Math.max(r.minute(), span.from()), by, zone);
                };
                add(folded.computeIfAbsent(key, k -> new long[KpiColumn.count()]), r.values());
            }
        }
        return folded;
    }

    /**
     * How a span's sums are grouped: by key for shop, group and agent; by time for days and hours, minutes by quarter
     * hour when every cut is on one (every zone's hours and days today), else by minute.
     */
    private static KpiStore.GroupBy groupBy(By by, KpiSpans.Span span, long[] cuts) {
        return switch (by) {
            case SHOP -> KpiStore.GroupBy.SHOP;
            case GROUP -> KpiStore.GroupBy.GROUP;
            case AGENT -> KpiStore.GroupBy.AGENT;
            case DAY, HOUR -> span.grain() == KpiStore.Grain.MINUTE
                    && java.util.Arrays.stream(cuts).allMatch(c -> c % 15 == 0)
                    ? KpiStore.GroupBy.QUARTER : KpiStore.GroupBy.TIME;
        };
    }

    /** Where the report's rows begin inside the range: each local hour or day of the zone, in epoch minutes. */
    private static long[] cuts(long fromMinute, long toMinute, By by, ZoneId zone) {
        ZonedDateTime t = Instant.ofEpochSecond(fromMinute * 60).atZone(zone);
        t = by == By.DAY ? t.toLocalDate().atStartOfDay(zone) : t.truncatedTo(ChronoUnit.HOURS);
        java.util.stream.LongStream.Builder cuts = java.util.stream.LongStream.builder();
        while (true) {
            t = by == By.DAY ? t.toLocalDate().plusDays(1).atStartOfDay(zone) : t.plusHours(1);
            long minute = Math.floorDiv(t.toEpochSecond(), 60L);
            if (minute >= toMinute) {
                return cuts.build().toArray();
            }
            cuts.add(minute);
        }
    }

    /** The row key of a minute: its local date, or its local hour with the offset. */
    private static String label(long minute, By by, ZoneId zone) {
        ZonedDateTime t = Instant.ofEpochSecond(minute * 60).atZone(zone);
        return by == By.DAY ? t.toLocalDate().toString()
                : t.truncatedTo(ChronoUnit.HOURS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    private static void add(long[] sum, long[] values) {
        for (int i = 0; i < sum.length; i++) {
            sum[i] += values[i];
        }
    }

    /** A time given as a query parameter, in epoch ms; the message names the parameter. */
    static long time(String raw, String name, ZoneId zone) {
        String v = raw.strip();
        try {
            if (v.chars().allMatch(Character::isDigit) && !v.isEmpty() && v.length() <= 15) {
                return Long.parseLong(v);
            }
            if (v.length() == 10) {
                return java.time.LocalDate.parse(v).atStartOfDay(zone).toInstant().toEpochMilli();
            }
            if (v.toUpperCase(Locale.ROOT).endsWith("Z")) {
                return Instant.parse(v).toEpochMilli();
            }
            return java.time.OffsetDateTime.parse(v).toInstant().toEpochMilli();
        } catch (java.time.DateTimeException e) {
            throw KefuException.badRequest("query parameter '" + name + "' must be epoch milliseconds, an ISO time"
                    + " (2026-12-01T08:00:00Z, 2026-12-01T08:00+08:00) or a date (2026-12-01), was '"
                    + (v.length() > 40 ? v.substring(0, 40) + "…" : v) + "'");
        }
    }
}
