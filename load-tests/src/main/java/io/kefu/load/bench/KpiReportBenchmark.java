package io.kefu.load.bench;

import io.kefu.server.base.IdGenerator;
import io.kefu.server.stats.kpi.KpiRecorder;
import io.kefu.server.stats.kpi.KpiReports;
import io.kefu.server.store.BoundedStoreExecutor;
import io.kefu.server.store.Database;
import io.kefu.server.store.JdbcKpiStore;
import io.kefu.server.store.JdbcShopStore;
import io.kefu.server.store.KpiColumn;
import io.kefu.server.store.KpiRow;
import io.kefu.server.store.KpiStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * How long the KPI reports of docs/kpis.md take over a month of generated rollups: one shop with {@code --agents}
 * agents in ten groups, {@code --active} of them with figures in each minute of {@code --days} days from
 * 2026-11-01 in the shop's zone (Asia/Shanghai), about 4.6 buyer messages per agent-minute (10 million over a month
 * at the defaults). The rows go through {@link KpiStore#add} in batches of an hour, as the KPI writer would write
 * them, then each report ({@code by=shop|day|hour|group|agent}, and one agent's own figures by hour) is asked
 * {@code --runs} times through {@link KpiReports}, run {@code i} over the month shifted by {@code i} hours (run 0
 * is the whole month, later ones have ragged ends and are not answered from a database's result cache).
 *
 * <pre>
 * java -cp load-tests/target/kefu-load.jar io.kefu.load.bench.KpiReportBenchmark \
 *     --db-url 'jdbc:h2:mem:kpibench;DB_CLOSE_DELAY=-1' [--db-user sa] [--db-password ''] \
 *     [--agents 1000] [--active 50] [--days 30] [--runs 3]
 * </pre>
 * (also {@code java -jar kefu-load.jar kpi-reports ...}). Single-threaded; blocks on the database throughout.
 */
public final class KpiReportBenchmark {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final int GROUPS = 10;

    private KpiReportBenchmark() {
    }

    public static void main(String[] args) {
        Map<String, String> o = options(args);
        String url = o.getOrDefault("db-url", "jdbc:h2:mem:kpibench;DB_CLOSE_DELAY=-1");
        int agents = Integer.parseInt(o.getOrDefault("agents", "1000"));
        int active = Integer.parseInt(o.getOrDefault("active", "50"));
        int days = Integer.parseInt(o.getOrDefault("days", "30"));
        int runs = Integer.parseInt(o.getOrDefault("runs", "3"));
        if (active > agents) {
            throw new IllegalArgumentException("--active must be at most --agents");
        }
        try (Database db = new Database(url, o.getOrDefault("db-user", "sa"), o.getOrDefault("db-password", ""), 4);
             BoundedStoreExecutor executor = new BoundedStoreExecutor("kpi-bench-store", 2, 100);
             KpiRecorder recorder = new KpiRecorder(new JdbcKpiStore(db), Clock.systemUTC(),
                     KpiRecorder.Settings.DEFAULT, new SimpleMeterRegistry())) {
            JdbcShopStore shops = new JdbcShopStore(db, new IdGenerator(1));
            String shopId = shops.createShop("kpi-bench").id();
            long start = LocalDate.of(2026, 11, 1).atStartOfDay(ZONE).toInstant().toEpochMilli();
            long t0 = System.nanoTime();
            long rows = generate(new JdbcKpiStore(db), shopId, start / 60_000, agents, active, days);
            System.out.printf("generated %,d minute rows (%d agents, %d active a minute, %d days) in %.1f s%n",
                    rows, agents, active, days, (System.nanoTime() - t0) / 1e9);
            KpiReports reports = new KpiReports(new JdbcKpiStore(db), shops, executor, recorder, Clock.systemUTC());
            String agent = "agent-" + 7;
            for (String by : List.of("shop", "day", "hour", "group", "agent", "own-hour")) {
                StringBuilder line = new StringBuilder(String.format("by=%-8s", by));
                for (int i = 0; i < runs; i++) {
                    long from = start + i * 3_600_000L;
                    long to = from + days * 86_400_000L;
                    boolean own = by.equals("own-hour");
                    long t = System.nanoTime();
                    KpiReports.Report r = reports.report(shopId, Long.toString(from), Long.toString(to),
                            KpiReports.By.of(own ? "hour" : by), own ? agent : null).join();
                    line.append(String.format("  %6.3f s (%d rows)", (System.nanoTime() - t) / 1e9, r.rows().size()));
                }
                System.out.println(line);
            }
        }
    }

    /** Writes the rows; returns how many minute rows (detailed and total) it wrote. */
    static long generate(KpiStore store, String shopId, long firstMinute, int agents, int active, int days) {
        SplittableRandom rnd = new SplittableRandom(42);
        long written = 0;
        List<KpiRow> batch = new ArrayList<>();
        for (long m = firstMinute; m < firstMinute + days * 1440L; m++) {
            long[] total = new long[KpiColumn.count()];
            Map<Integer, Boolean> chosen = new HashMap<>();
            while (chosen.size() < active) {
                chosen.put(rnd.nextInt(agents), true);
            }
            for (int a : chosen.keySet()) {
                long[] v = minute(rnd);
                for (int i = 0; i < v.length; i++) {
                    total[i] += v[i];
                }
                batch.add(new KpiRow(shopId, m, "group-" + (a % GROUPS), "agent-" + a, v));
            }
            batch.add(new KpiRow(shopId, m, KpiRow.ALL, KpiRow.ALL, total));
            if ((m + 1) % 60 == 0) {
                store.add(batch);
                written += batch.size();
                batch = new ArrayList<>();
            }
        }
        store.add(batch);
        return written + batch.size();
    }

    /** One agent's figures in one minute: plausible counts, 4.6 buyer messages on average. */
    private static long[] minute(SplittableRandom rnd) {
        long[] v = new long[KpiColumn.count()];
        int buyer = 1 + rnd.nextInt(8);
        int need = rnd.nextInt(buyer + 1);
        int within = rnd.nextInt(need + 1);
        v[KpiColumn.BUYER_MSGS.ordinal()] = buyer;
        v[KpiColumn.NEED_MSGS.ordinal()] = need;
        v[KpiColumn.WITHIN_3M.ordinal()] = within;
        v[KpiColumn.NEED_DAY.ordinal()] = need;
        v[KpiColumn.WITHIN_3M_DAY.ordinal()] = within;
        v[KpiColumn.ROUNDS.ordinal()] = within;
        v[KpiColumn.ROUND_MS.ordinal()] = within * (long) rnd.nextInt(1_000, 180_000);
        if (rnd.nextInt(10) == 0) {
            v[KpiColumn.OPENED.ordinal()] = 1;
            v[KpiColumn.RECEIVED.ordinal()] = 1;
            v[KpiColumn.FIRSTS.ordinal()] = 1;
            v[KpiColumn.FIRST_DECIDED.ordinal()] = 1;
            long first = rnd.nextInt(1_000, 120_000);
            v[KpiColumn.FIRST_MS.ordinal()] = first;
            v[KpiColumn.FIRST_30S.ordinal()] = first <= 30_000 ? 1 : 0;
            long waited = rnd.nextInt(0, 600_000);
            v[KpiColumn.WAITS.ordinal()] = 1;
            v[KpiColumn.WAIT_MS.ordinal()] = waited;
            v[KpiColumn.waitBucket(waited).ordinal()] = 1;
        }
        if (rnd.nextInt(40) == 0) {
            v[KpiColumn.RATINGS.ordinal()] = 1;
            int score = 1 + rnd.nextInt(5);
            v[KpiColumn.RATING_SUM.ordinal()] = score;
            v[KpiColumn.LOW_RATINGS.ordinal()] = score <= 3 ? 1 : 0;
        }
        return v;
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("options are --name value pairs; '" + args[i] + "' is not");
            }
            o.put(args[i].substring(2), args[++i]);
        }
        return o;
    }
}
