package io.kefu.server.stats.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import io.kefu.server.routing.spi.KpiEvent.Conv;
import io.kefu.server.routing.spi.KpiEvent;
import io.kefu.server.store.Database;
import io.kefu.server.store.JdbcKpiStore;
import io.kefu.server.store.KpiColumn;
import io.kefu.server.store.KpiRow;
import io.kefu.server.store.KpiStore;
import io.kefu.server.store.TestDatabases;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rollups equal a brute-force recomputation from the raw events: random conversations (bot phases, hand-offs, queues,
 * transfers, requeues, answers early and late, closes, ratings, blocked messages) interleaved in time, fed to the
 * tally with sweeps between events; then every counter of every minute is worked out again per buyer message by
 * looking ahead in each conversation's own history. Then the same, stored at every grain and read back over ragged
 * ranges by every cut, on H2 and embedded PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KpiTallyRandomTest {
    private final TestDatabases.PerDialect databases = new TestDatabases.PerDialect();

    @AfterAll
    void closeDatabases() {
        databases.close();
    }

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final String[] AGENTS = {"a1", "a2", "a3"};
    static final String[] GROUPS = {"g1", "g2"};

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 2026})
    void rollupsEqualABruteForceRecomputation(long seed) {
        Random rnd = new Random(seed);
        List<List<KpiEvent>> histories = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            histories.add(history("c" + i, rnd));
        }
        List<KpiEvent> all = new ArrayList<>();
        histories.forEach(all::addAll);
        all.sort(Comparator.comparingLong(KpiEvent::ts)); // stable: each conversation keeps its order
        KpiTally tally = new KpiTally(KpiTally.Meters.NONE);
        List<KpiRow> rows = new ArrayList<>();
        for (KpiEvent e : all) {
            if (rnd.nextInt(4) == 0) {
                tally.sweep(e.ts());
            }
            tally.accept(e);
            if (rnd.nextInt(50) == 0) {
                rows.addAll(tally.drain()); // flushes in the middle: rows for a minute may come twice
            }
        }
        long end = all.get(all.size() - 1).ts() + 3_600_000;
        tally.sweep(end);
        rows.addAll(tally.drain());

        Map<Long, long[]> expected = new TreeMap<>();
        histories.forEach(h -> bruteForce(h, expected));
        Map<Long, long[]> actual = new TreeMap<>();
        Map<Long, long[]> totals = new TreeMap<>();
        for (KpiRow r : rows) {
            long[] sum = (r.isTotal() ? totals : actual).computeIfAbsent(r.minute(), k -> new long[KpiColumn.count()]);
            for (int i = 0; i < sum.length; i++) {
                sum[i] += r.values()[i];
            }
        }
        actual.values().removeIf(v -> java.util.Arrays.stream(v).allMatch(x -> x == 0));
        expected.values().removeIf(v -> java.util.Arrays.stream(v).allMatch(x -> x == 0));
        totals.values().removeIf(v -> java.util.Arrays.stream(v).allMatch(x -> x == 0));
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        assertThat(totals.keySet()).isEqualTo(expected.keySet());
        for (Long minute : expected.keySet()) {
            for (KpiColumn c : KpiColumn.values()) {
                assertThat(actual.get(minute)[c.ordinal()]).as("minute %d %s", minute, c)
                        .isEqualTo(expected.get(minute)[c.ordinal()]);
                assertThat(totals.get(minute)[c.ordinal()]).as("total row, minute %d %s", minute, c)
                        .isEqualTo(expected.get(minute)[c.ordinal()]);
            }
        }
        assertThat(tally.conversations()).isLessThanOrEqualTo(histories.size());
    }

    /**
     * The same histories, spread over six days and stored batch by batch as the writer stores them (minutes, hours and
     * days): reports over random ranges with ragged ends (to the millisecond, from a minute to six days, in zones a
     * whole and a half hour from UTC and one with summer time) are read from mixed tables, and equal the brute-force
     * recomputation (the shop, by day, by hour) or the sum of the tally's minute rows in the range (by group, by agent,
     * an agent's own).
     */
    @ParameterizedTest
    @CsvSource({"7, H2", "2026, H2", "42, POSTGRESQL"})
    void reportsOverRaggedRangesFromMixedTablesEqualTheRecomputation(long seed, Database.Dialect dialect) {
        Random rnd = new Random(seed);
        List<List<KpiEvent>> histories = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            histories.add(history("c" + i, rnd, 6 * 86_400));
        }
        List<KpiEvent> all = new ArrayList<>();
        histories.forEach(all::addAll);
        all.sort(Comparator.comparingLong(KpiEvent::ts));
        String shop = "s-" + java.util.UUID.randomUUID();
        KpiStore store = new JdbcKpiStore(databases.get(dialect));
        KpiTally tally = new KpiTally(KpiTally.Meters.NONE);
        List<KpiRow> detailed = new ArrayList<>();
        java.util.function.Consumer<List<KpiRow>> write = batch -> {
            List<KpiRow> mine = batch.stream().map(r -> new KpiRow(shop, r.minute(), r.groupId(), r.agentId(),
                    r.values())).toList();
            store.add(mine);
            mine.stream().filter(r -> !r.isTotal()).forEach(detailed::add);
        };
        for (KpiEvent e : all) {
            tally.sweep(e.ts());
            tally.accept(e);
            if (rnd.nextInt(40) == 0) {
                write.accept(tally.drain());
            }
        }
        long first = all.get(0).ts();
        long last = all.get(all.size() - 1).ts() + 3_600_000;
        tally.sweep(last);
        write.accept(tally.drain());
        Map<Long, long[]> expected = new TreeMap<>();
        histories.forEach(h -> bruteForce(h, expected));

        Map<KpiStore.Grain, Integer> grainsUsed = new java.util.EnumMap<>(KpiStore.Grain.class);
        ZoneId[] zones = {ZONE, ZoneId.of("Asia/Kolkata"), ZoneId.of("America/New_York")};
        long[] lengths = {60_000, 3_600_000, 86_400_000, 6 * 86_400_000L};
        for (int i = 0; i < 60; i++) {
            long from = first - 3_600_000 + (long) (rnd.nextDouble() * (last - first));
            long to = Math.min(from + 1 + (long) (rnd.nextDouble() * lengths[rnd.nextInt(lengths.length)]),
                    last + 86_400_000);
            ZoneId zone = zones[rnd.nextInt(zones.length)];
            long fromMinute = Math.floorDiv(from, 60_000L);
            long toMinute = Math.floorDiv(to + 59_999L, 60_000L);
            KpiSpans.cover(fromMinute, toMinute, new long[0]).forEach(s -> grainsUsed.merge(s.grain(), 1, Integer::sum));
            String agent = AGENTS[rnd.nextInt(AGENTS.length)];
            for (KpiReports.By by : KpiReports.By.values()) {
                Map<String, long[]> want = new TreeMap<>();
                expected.forEach((minute, v) -> {
                    if (minute >= fromMinute && minute < toMinute) {
                        String key = switch (by) {
                            case SHOP -> shop;
                            case DAY -> Instant.ofEpochSecond(minute * 60).atZone(zone).toLocalDate().toString();
                            case HOUR -> Instant.ofEpochSecond(minute * 60).atZone(zone).truncatedTo(ChronoUnit.HOURS)
                                    .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
                            default -> null;
                        };
                        if (key != null) {
                            sumInto(want, key, v);
                        }
                    }
                });
                for (KpiRow r : detailed) {
                    if (r.minute() >= fromMinute && r.minute() < toMinute && (by == KpiReports.By.GROUP
                            || by == KpiReports.By.AGENT && !r.agentId().isEmpty())) {
                        sumInto(want, by == KpiReports.By.GROUP ? r.groupId() : r.agentId(), r.values());
                    }
                }
                assertThat(nonZero(KpiReports.sums(store, shop, from, to, by, null, zone)))
                        .as("range %d..%d by %s in %s", from, to, by, zone).isEqualTo(nonZero(want));
            }
            Map<String, long[]> own = new TreeMap<>();
            Map<String, long[]> ownByHour = new TreeMap<>();
            for (KpiRow r : detailed) {
                if (r.minute() >= fromMinute && r.minute() < toMinute && r.agentId().equals(agent)) {
                    sumInto(own, agent, r.values());
                    sumInto(ownByHour, Instant.ofEpochSecond(r.minute() * 60).atZone(zone)
                            .truncatedTo(ChronoUnit.HOURS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), r.values());
                }
            }
            assertThat(nonZero(KpiReports.sums(store, shop, from, to, KpiReports.By.SHOP, agent, zone)))
                    .as("%s's own, range %d..%d", agent, from, to).isEqualTo(nonZero(own));
            assertThat(nonZero(KpiReports.sums(store, shop, from, to, KpiReports.By.HOUR, agent, zone)))
                    .as("%s's own by hour, range %d..%d in %s", agent, from, to, zone).isEqualTo(nonZero(ownByHour));
        }
        assertThat(grainsUsed).as("ranges served from each table").containsOnlyKeys(KpiStore.Grain.values());
    }

    private static void sumInto(Map<String, long[]> out, String key, long[] values) {
        long[] sum = out.computeIfAbsent(key, k -> new long[KpiColumn.count()]);
        for (int i = 0; i < sum.length; i++) {
            sum[i] += values[i];
        }
    }

    /** The rows with a counter that is not 0, their counters as lists (which compare by value). */
    private static Map<String, List<Long>> nonZero(Map<String, long[]> rows) {
        Map<String, List<Long>> out = new TreeMap<>();
        rows.forEach((k, v) -> {
            if (java.util.Arrays.stream(v).anyMatch(x -> x != 0)) {
                out.put(k, java.util.Arrays.stream(v).boxed().toList());
            }
        });
        return out;
    }

    /** One conversation's events, in its own order, times increasing from a random start. */
    static List<KpiEvent> history(String id, Random rnd) {
        return history(id, rnd, 86_400);
    }

    /** {@link #history(String, Random)} starting in the first {@code spreadSec} seconds. */
    static List<KpiEvent> history(String id, Random rnd, int spreadSec) {
        List<KpiEvent> e = new ArrayList<>();
        long t = 1_780_000_000_000L + rnd.nextInt(spreadSec) * 1000L;
        String group = GROUPS[rnd.nextInt(GROUPS.length)];
        boolean bot = rnd.nextBoolean();
        String state = bot ? "bot" : "queued";
        String agent = null;
        long queuedAt = t;
        e.add(new KpiEvent.Opened(new Conv("s1", id, group, null, ZONE), t, bot));
        int steps = 2 + rnd.nextInt(25);
        for (int i = 0; i < steps; i++) {
            t += 1000L * (1 + rnd.nextInt(rnd.nextInt(8) == 0 ? 600 : 60));
            Conv here = new Conv("s1", id, group, agent, ZONE);
            int r = rnd.nextInt(100);
            if (r < 35) {
                e.add(new KpiEvent.MessageStored(here, t, "buyer", "b-" + id, state.equals("bot")));
            } else if (r < 55 && state.equals("assigned")) {
                e.add(new KpiEvent.MessageStored(here, t, "agent", rnd.nextInt(5) == 0 ? "boss" : agent, false));
            } else if (r < 60) {
                e.add(new KpiEvent.MessageStored(here, t, rnd.nextBoolean() ? "bot" : "system", null, false));
            } else if (r < 70 && state.equals("bot")) {
                e.add(new KpiEvent.HandedOff(here, t));
                e.add(new KpiEvent.Queued(here, t));
                state = "queued";
                queuedAt = t;
            } else if (r < 80 && state.equals("queued")) {
                agent = AGENTS[rnd.nextInt(AGENTS.length)];
                e.add(new KpiEvent.Assigned(new Conv("s1", id, group, agent, ZONE), t, t - queuedAt));
                state = "assigned";
            } else if (r < 85 && state.equals("assigned")) {
                if (rnd.nextBoolean()) {
                    e.add(new KpiEvent.Transferred(here, t));
                    String next = AGENTS[rnd.nextInt(AGENTS.length)];
                    if (!next.equals(agent)) {
                        agent = next;
                        e.add(new KpiEvent.Assigned(new Conv("s1", id, group, agent, ZONE), t, -1));
                    }
                } else {
                    group = GROUPS[rnd.nextInt(GROUPS.length)];
                    agent = null;
                    e.add(new KpiEvent.Queued(new Conv("s1", id, group, null, ZONE), t));
                    state = "queued";
                    queuedAt = t;
                }
            } else if (r < 88) {
                e.add(new KpiEvent.Blocked(here, t, agent));
            }
        }
        if (rnd.nextInt(5) > 0) {
            t += 1000L * (1 + rnd.nextInt(300));
            Conv here = new Conv("s1", id, group, agent, ZONE);
            e.add(new KpiEvent.Closed(here, t, state.equals("bot")));
            if (rnd.nextBoolean()) {
                e.add(new KpiEvent.Rated(here, t + 1000L * rnd.nextInt(100), 1 + rnd.nextInt(5)));
            }
        }
        return e;
    }

    /** The counters of one conversation, each from its definition in docs/kpis.md, by looking ahead. */
    static void bruteForce(List<KpiEvent> h, Map<Long, long[]> out) {
        Long firstAt = null;
        boolean firstDone = false;
        for (int i = 0; i < h.size(); i++) {
            KpiEvent e = h.get(i);
            if (e instanceof KpiEvent.Opened) {
                add(out, e.ts(), KpiColumn.OPENED, 1);
            } else if (e instanceof KpiEvent.Assigned a) {
                add(out, e.ts(), KpiColumn.RECEIVED, 1);
                if (a.waitedMs() >= 0) {
                    add(out, e.ts(), KpiColumn.WAITS, 1);
                    add(out, e.ts(), KpiColumn.WAIT_MS, a.waitedMs());
                    add(out, e.ts(), KpiColumn.waitBucket(a.waitedMs()), 1);
                }
            } else if (e instanceof KpiEvent.Transferred) {
                add(out, e.ts(), KpiColumn.TRANSFERS, 1);
            } else if (e instanceof KpiEvent.Blocked) {
                add(out, e.ts(), KpiColumn.BLOCKED, 1);
            } else if (e instanceof KpiEvent.Rated r) {
                add(out, e.ts(), KpiColumn.RATINGS, 1);
                add(out, e.ts(), KpiColumn.RATING_SUM, r.score());
                add(out, e.ts(), KpiColumn.LOW_RATINGS, r.score() <= 3 ? 1 : 0);
            } else if (e instanceof KpiEvent.Closed c) {
                add(out, e.ts(), KpiColumn.BOT_RESOLVED, c.withBot() ? 1 : 0);
                if (waitingAt(h, i)) {
                    add(out, e.ts(), KpiColumn.UNANSWERED, 1);
                }
            } else if (e instanceof KpiEvent.MessageStored m && m.sender().equals("buyer")) {
                add(out, e.ts(), KpiColumn.BUYER_MSGS, 1);
            }
            boolean needs = e instanceof KpiEvent.HandedOff
                    || e instanceof KpiEvent.MessageStored m && m.sender().equals("buyer") && !m.withBot();
            if (!needs) {
                continue;
            }
            if (firstAt == null) {
                firstAt = e.ts();
            }
            KpiEvent answer = answerAfter(h, i);
            boolean decided = answer != null || hasClose(h);
            // in the tally a message still waiting at the end was decided by the last sweep, an hour later
            add(out, e.ts(), KpiColumn.NEED_MSGS, 1);
            boolean inTime = answer != null && answer.ts() - e.ts() <= KpiTally.REPLY_MS;
            add(out, e.ts(), KpiColumn.WITHIN_3M, inTime ? 1 : 0);
            if (KpiTally.daytime(e.ts(), ZONE)) {
                add(out, e.ts(), KpiColumn.NEED_DAY, 1);
                add(out, e.ts(), KpiColumn.WITHIN_3M_DAY, inTime ? 1 : 0);
            }
            if (answer != null && startsRun(h, i)) {
                add(out, e.ts(), KpiColumn.ROUNDS, 1);
                add(out, e.ts(), KpiColumn.ROUND_MS, answer.ts() - e.ts());
            }
            if (!firstDone && firstAt == e.ts() && decided) {
                firstDone = true;
                add(out, e.ts(), KpiColumn.FIRST_DECIDED, 1);
                if (answer != null) {
                    add(out, e.ts(), KpiColumn.FIRSTS, 1);
                    add(out, e.ts(), KpiColumn.FIRST_MS, answer.ts() - e.ts());
                    add(out, e.ts(), KpiColumn.FIRST_30S, answer.ts() - e.ts() <= KpiTally.ANSWER_MS ? 1 : 0);
                }
            }
        }
    }

    private static boolean isAnswer(KpiEvent e) {
        return e instanceof KpiEvent.MessageStored m && m.sender().equals("agent");
    }

    private static boolean isRequest(KpiEvent e) {
        return e instanceof KpiEvent.HandedOff
                || e instanceof KpiEvent.MessageStored m && m.sender().equals("buyer") && !m.withBot();
    }

    /** The first agent message after event {@code i}, before any close; null when none. */
    private static KpiEvent answerAfter(List<KpiEvent> h, int i) {
        for (int j = i + 1; j < h.size(); j++) {
            if (h.get(j) instanceof KpiEvent.Closed) {
                return null;
            }
            if (isAnswer(h.get(j))) {
                return h.get(j);
            }
        }
        return null;
    }

    /** Whether request {@code i} is the first since the last agent message (the start of a round). */
    private static boolean startsRun(List<KpiEvent> h, int i) {
        for (int j = i - 1; j >= 0; j--) {
            if (isAnswer(h.get(j))) {
                return true;
            }
            if (isRequest(h.get(j))) {
                return false;
            }
        }
        return true;
    }

    /** Whether at event {@code i} a request waits: one since the last agent message. */
    private static boolean waitingAt(List<KpiEvent> h, int i) {
        for (int j = i - 1; j >= 0; j--) {
            if (isAnswer(h.get(j))) {
                return false;
            }
            if (isRequest(h.get(j))) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasClose(List<KpiEvent> h) {
        return h.stream().anyMatch(e -> e instanceof KpiEvent.Closed);
    }

    private static void add(Map<Long, long[]> out, long ts, KpiColumn c, long amount) {
        out.computeIfAbsent(Math.floorDiv(ts, 60_000L), k -> new long[KpiColumn.count()])[c.ordinal()] += amount;
    }
}
