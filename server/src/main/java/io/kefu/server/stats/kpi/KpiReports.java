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
 * KPI reports (contract §11, {@code GET .../stats}) from the rollups only: sums in SQL over the range's minutes,
 * never a scan of messages. Waits for the recorder to store what happened before the call, then runs the query on
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
        long fromMinute = Math.floorDiv(fromMs, 60_000L);
        long toMinute = Math.floorDiv(toMs + 59_999L, 60_000L);
        boolean agentView = by == By.AGENT || agentOnly != null;
        List<Row> rows = new ArrayList<>();
        switch (by) {
            case SHOP -> {
                for (KpiRow r : store.sums(shopId, fromMinute, toMinute, KpiStore.GroupBy.SHOP, agentOnly)) {
                    rows.add(new Row(agentOnly != null ? agentOnly : shopId, KpiFigures.of(r.values(), agentView)));
                }
            }
            case GROUP -> store.sums(shopId, fromMinute, toMinute, KpiStore.GroupBy.GROUP, agentOnly)
                    .forEach(r -> rows.add(new Row(r.groupId(), KpiFigures.of(r.values(), agentView))));
            case AGENT -> store.sums(shopId, fromMinute, toMinute, KpiStore.GroupBy.AGENT, agentOnly)
                    .forEach(r -> rows.add(new Row(r.agentId(), KpiFigures.of(r.values(), agentView))));
            case DAY, HOUR -> {
                Map<String, long[]> folded = new TreeMap<>();
                for (KpiRow r : store.sums(shopId, fromMinute, toMinute, KpiStore.GroupBy.QUARTER, agentOnly)) {
                    ZonedDateTime t = Instant.ofEpochSecond(r.minute() * 60).atZone(zone);
                    String key = by == By.DAY ? t.toLocalDate().toString()
                            : t.truncatedTo(ChronoUnit.HOURS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
                    long[] sum = folded.computeIfAbsent(key, k -> new long[KpiColumn.count()]);
                    for (int i = 0; i < sum.length; i++) {
                        sum[i] += r.values()[i];
                    }
                }
                folded.forEach((k, v) -> rows.add(new Row(k, KpiFigures.of(v, agentView))));
            }
        }
        return rows;
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
